/** One figure of a stat row ("Uptime 99.95 %"): a term and its value inside the row's <dl>. */
export function Stat({ term, value }: { term: string; value: string }) {
  return (
    <div className="stat">
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
