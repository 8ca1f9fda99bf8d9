// One request as it goes on paper, for a partner, a ministry or a donor: the same people may
// print it as may open its page (getRequestForStaff's scope). Without `full`, the paper leaves
// out what should not leave the Centre: the text of internal notes and events, defence orders'
// sensitive details, and the entries of a request another enterprise filed that was merged into
// this one. With `full`, it shows what the page shows (decision 027).
import type { Viewer } from "../auth/access";
import { getRequestForStaff } from "./requests.server";

export async function getRequestForPrint({ reference, viewer, full }: { reference: string; viewer: Viewer; full: boolean }) {
  const request = await getRequestForStaff({ reference, viewer });
  if (!request) return null;
  const {
    actions: _actions,
    otherRequests: _other,
    possibleDuplicates: _dups,
    enterpriseChanges: _changes,
    infoExchange: _exchange,
    sensitiveDetails,
    events,
    mergedRequests,
    ...rest
  } = request;
  if (full) return { ...rest, full, sensitiveDetails, mergedRequests, events };
  const otherEnterprises = new Set(mergedRequests.filter((merged) => merged.otherEnterprise).map((merged) => merged.reference));
  return {
    ...rest,
    full,
    sensitiveDetails: null,
    mergedRequests: mergedRequests.filter((merged) => !merged.otherEnterprise),
    events: events
      .filter((event) => !event.mergedFrom?.otherEnterprise)
      .map((event) => ({
        ...event,
        ...(event.visibility === "PUBLIC" ? {} : { message: null, changes: [] }),
        relatedRequest: event.relatedRequest && otherEnterprises.has(event.relatedRequest.reference) ? null : event.relatedRequest,
      })),
  };
}
