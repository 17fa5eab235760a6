export default function SegmentsPage() {
  return <div className="page">TODO</div>;
}
