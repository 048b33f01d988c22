export function DemoPage(_props: Record<string, unknown>) {
  return (
    <div className="page">
      <h1 className="page-title">Demo Discord inbox</h1>
    </div>
  );
}
