export function MonitorEditPage(_props: Record<string, unknown>) {
  return (
    <div className="page">
      <h1 className="page-title">Monitor</h1>
    </div>
  );
}
