// The server-driven request table shared by the coordinators' queue and the cluster portal:
// TanStack Table renders what the server sorted, filtered and paginated; headers and pager are
// plain links carrying the URL state, so it all works without JavaScript.
import { Link, useNavigate } from "@remix-run/react";
import type { MouseEvent, ReactNode } from "react";
import { type Row, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { QueueRow } from "~/domain/queue/queue.server";
import type { MessageKey } from "~/i18n/messages";
import { useLocale } from "~/i18n/use-locale";
import { QUEUE_COLUMNS, QUEUE_SORTS, type QueueColumn, type QueueParams, type QueueSort, queueSearch } from "~/schemas/queue";
import { dueMark, useLabels } from "./request-labels";
import { TableScroll } from "./table-scroll";
import { localName } from "~/i18n/locale";

export const COLUMN_LABEL: Record<QueueColumn, MessageKey> = {
  reference: "col.reference",
  enterprise: "col.enterprise",
  category: "col.category",
  urgency: "col.urgency",
  region: "col.region",
  status: "col.status",
  cluster: "col.cluster",
  owner: "col.owner",
  age: "col.age",
  due: "col.due",
  updated: "col.updated",
};

const isSortable = (column: QueueColumn): column is QueueColumn & QueueSort => (QUEUE_SORTS as readonly string[]).includes(column);

/** A row as the table shows it: the queue's, with the cluster portal's own lines where it has them. */
type TableRow = QueueRow & {
  /** The portal: the member's own lines on a request of several lines. */
  ownLines?: ReadonlyArray<{ position: number; status: string }> | null;
  /** The queue: each line's cluster on a request of several lines. */
  lineClusters?: ReadonlyArray<{ position: number; cluster: { nameUk: string; nameEn: string } | null }> | null;
};

/** What every cell of this table needs: the row. */
type RowCell = (context: { row: Row<TableRow> }) => ReactNode;

/** Columns whose cells need only the row (so the body can call them with just the row). */
type QueueColumnDef = { id: QueueColumn | "select"; cell: RowCell };

function useColumns(now: Date, selectable: boolean): QueueColumnDef[] {
  const label = useLabels();
  const { locale, t } = useLocale();
  const columns: QueueColumnDef[] = [
    {
      id: "reference",
      cell: ({ row }) => (
        <>
          <a href={`/requests/${row.original.reference}`}>{row.original.reference}</a>
          {row.original.unread ? <span className="mark unread">{t("queue.unreadMark")}</span> : null}
          {row.original.possibleDuplicate ? <span className="mark dup">{t("queue.possibleDuplicate")}</span> : null}
          {row.original.notAcceptedInTime ? <span className="mark lapsed">{t("queue.notAcceptedInTime")}</span> : null}
          <div className="hint">{row.original.title}</div>
        </>
      ),
    },
    { id: "enterprise", cell: ({ row }) => row.original.enterprise },
    { id: "category", cell: ({ row }) => label.category(row.original.category) },
    { id: "urgency", cell: ({ row }) => label.urgency(row.original.urgency) },
    { id: "region", cell: ({ row }) => label.region(row.original.region) },
    {
      id: "status",
      cell: ({ row }) => (
        <>
          {label.status(row.original.status)}
          {/* The cluster portal: on a request of several lines, the member's own lines. */}
          {row.original.ownLines?.map((line) => (
            <div className="hint" key={line.position}>
              {t("lines.yours", { n: line.position, state: t(`status.lineState.${line.status}` as MessageKey) })}
            </div>
          ))}
        </>
      ),
    },
    {
      id: "cluster",
      cell: ({ row }) => {
        const lines = row.original.lineClusters;
        if (lines) return lines.map((line) => <div key={line.position}>{`${line.position}: ${line.cluster ? localName(line.cluster, locale) : "—"}`}</div>);
        return localName(row.original.assignedCluster, locale);
      },
    },
    { id: "owner", cell: ({ row }) => row.original.owner?.name ?? "—" },
    { id: "age", cell: ({ row }) => label.age(row.original.createdAt, now) },
    {
      id: "due",
      cell: ({ row }) =>
        row.original.nextDueAt ? (
          <>
            {label.dateTime(row.original.nextDueAt)}
            {dueMark(t, row.original)}
          </>
        ) : row.original.status === "NEEDS_INFO" ? (
          t("queue.paused")
        ) : (
          "—"
        ),
    },
    { id: "updated", cell: ({ row }) => label.dateTime(row.original.lastActivityAt) },
  ];
  if (!selectable) return columns;
  return [
    {
      id: "select",
      cell: ({ row }) => (
        <input type="checkbox" name="ids" value={row.original.id} form="bulk" aria-label={t("queue.select", { reference: row.original.reference })} />
      ),
    },
    ...columns,
  ];
}

export function RequestTable({
  basePath,
  params,
  rows,
  total,
  page,
  pageCount,
  totalIsLowerBound = false,
  now,
  selectable = false,
  hiddenColumns = [],
  label,
}: {
  /** What the table lists (its scroll box is named by it). */
  label: string;
  basePath: string;
  params: QueueParams;
  rows: TableRow[];
  total: number;
  page: number;
  pageCount: number;
  totalIsLowerBound?: boolean;
  now: Date;
  selectable?: boolean;
  hiddenColumns?: QueueColumn[];
}) {
  const { t } = useLocale();
  const visible = (params.cols.length ? params.cols : QUEUE_COLUMNS).filter((c) => !hiddenColumns.includes(c));
  const table = useReactTable<TableRow>({
    data: rows,
    columns: useColumns(now, selectable),
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    manualSorting: true,
    manualFiltering: true,
    rowCount: total,
    state: {
      sorting: [{ id: params.sort, desc: params.dir === "desc" }],
      pagination: { pageIndex: page - 1, pageSize: params.size },
      columnVisibility: Object.fromEntries(QUEUE_COLUMNS.map((c) => [c, visible.includes(c)])),
    },
  });
  // Each cell renders from its row alone, so a cell is called with just the row: TanStack's cell
  // objects (closures and memos for every cell of a 100-row page) are not built.
  const visibleColumns = table.getVisibleLeafColumns();
  const link = (changes: Partial<QueueParams>) => `${basePath}${queueSearch(params, changes)}`;
  const followRowLink = useRowLinkNavigation();

  return (
    <>
      <p>
        {totalIsLowerBound ? t("queue.countMore", { n: total }) : t("queue.count", { n: total })}{" "}
        {params.sort === "priority" ? (
          <span className="hint">{t("queue.priorityOrder")}</span>
        ) : (
          <Link to={link({ sort: "priority", dir: "asc", page: 1 })}>{t("queue.backToPriority")}</Link>
        )}
      </p>
      <TableScroll label={label}>
        <table className="queue">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const id = header.column.id as QueueColumn | "select";
                  if (id === "select")
                    return (
                      <th key={header.id} scope="col">
                        <span className="visually-hidden">{t("queue.selectColumn")}</span>
                      </th>
                    );
                  if (!isSortable(id))
                    return (
                      <th key={header.id} scope="col">
                        {t(COLUMN_LABEL[id])}
                      </th>
                    );
                  const active = params.sort === id;
                  return (
                    <th key={header.id} scope="col" aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}>
                      <Link
                        to={link({ sort: id, dir: active && params.dir === "asc" ? "desc" : "asc", page: 1 })}
                        title={t("queue.sortBy", { column: t(COLUMN_LABEL[id]) })}
                      >
                        {t(COLUMN_LABEL[id])}
                        {active ? (params.dir === "asc" ? " ▲" : " ▼") : ""}
                      </Link>
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody onClick={followRowLink}>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={
                  [row.original.overdue ? "overdue" : row.original.dueSoon ? "due-soon" : "", row.original.unread ? "unread" : ""].join(" ").trim() || undefined
                }
              >
                {visibleColumns.map((column) => (
                  <td key={column.id}>{(column.columnDef.cell as RowCell)({ row })}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rows.length === 0 ? <p>{t("queue.empty")}</p> : null}
      <nav className="pager" aria-label={t("queue.page", { page, pages: pageCount })}>
        {page > 1 ? <Link to={link({ page: page - 1 })}>{t("queue.prev")}</Link> : null}
        <span>{t("queue.page", { page, pages: pageCount })}</span>
        {page < pageCount ? <Link to={link({ page: page + 1 })}>{t("queue.next")}</Link> : null}
      </nav>
    </>
  );
}

/**
 * The rows' links are plain anchors (a page of 100 rows rendered 100 router links, a fifth of its
 * server time); once the page's script runs, one handler on the table body follows a plain
 * left-click on them in the app, as a router link would. Other clicks (new tab, modifier keys)
 * keep the browser's own behaviour.
 */
function useRowLinkNavigation() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download") || anchor.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(anchor.pathname + anchor.search + anchor.hash);
  };
}
