export function AlertsPage(_props: Record<string, unknown>) {
  return (
    <div className="page">
      <h1 className="page-title">Alerts</h1>
    </div>
  );
}
