// Any address no other route takes: a 404, shown by the root's error page (app/root.tsx).
export async function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
