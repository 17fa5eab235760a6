export default function DrilldownPage() {
  return <div className="page">TODO</div>;
}
