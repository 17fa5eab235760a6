export default function ScorecardPage() {
  return <div className="page">TODO</div>;
}
