export function MonitorPage(_props: Record<string, unknown>) {
  return (
    <div className="page">
      <h1 className="page-title">History</h1>
    </div>
  );
}
