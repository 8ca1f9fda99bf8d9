// Calls route loaders and actions the way Remix does, and reads their answers uniformly.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { type CorrectableRequest, correctionFormValues } from "~/components/request-correction";

/** A route's loader or action, as tests call it. */
export type RouteHandler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;

export function formRequest(path: string, form: FormData | Record<string, string | string[]>, init: RequestInit = {}) {
  const body = new URLSearchParams();
  const entries = form instanceof FormData ? Array.from(form) : Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
  for (const [k, v] of entries) body.append(k as string, String(v));
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body,
    ...init,
  });
}

/** Runs a loader that answers with a file: its Response as sent, returned or thrown (a guard's refusal). */
export async function respond(handler: RouteHandler, request: Request, params: Record<string, string> = {}): Promise<Response> {
  try {
    const result = await handler({ request, params, context: {} });
    if (result instanceof Response) return result;
    throw new Error("the loader answered with data, not a Response");
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

// A route answers with whatever it returned; each test reads the fields it asserts on.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RouteAnswer = { status: number; headers: Headers; data: any; location: string | null };

/** Runs a loader or action; thrown Responses (guards, 404s) are answers too. */
export async function call(
  handler: RouteHandler,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = { clientAddress: "203.0.113.7" },
): Promise<RouteAnswer> {
  let result: unknown;
  try {
    result = await handler({ request, params, context } satisfies LoaderFunctionArgs | ActionFunctionArgs);
  } catch (thrown) {
    if (thrown instanceof Response) result = thrown;
    else throw thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      /* plain text body */
    }
    return { status: result.status, headers: result.headers, data, location: result.headers.get("Location") };
  }
  if (result && typeof result === "object" && (result as { type?: string }).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    const headers = new Headers(init?.headers);
    return { status: init?.status ?? 200, headers, data, location: headers.get("Location") };
  }
  return { status: 200, headers: new Headers(), data: result, location: null };
}

/** The correction form as the request page fills it: every field with the request's current value. */
export function correctionForm(request: CorrectableRequest & { version: number }): Record<string, string | string[]> {
  return { intent: "edit", version: String(request.version), ...correctionFormValues(request) };
}
