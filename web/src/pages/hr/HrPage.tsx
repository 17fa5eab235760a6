export default function HrPage() {
  return <div className="page">TODO</div>;
}
