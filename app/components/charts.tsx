// Charts drawn as SVG on the server, so they show without JavaScript; each carries its
// numbers in a table for screen readers.
import type { ReactNode } from "react";

type Bar = { label: string; value: number; display?: string };

const WIDTH = 640;
const ROW = 26;
const LABEL = 250;

/** Horizontal bars, largest first, with their values written beside them. */
export function BarChart({ id, title, bars, max, caption }: { id: string; title: string; bars: Bar[]; max?: number; caption: [string, string] }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const height = bars.length * ROW + 8;
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title`} width="100%">
        {bars.map((bar, i) => {
          const w = ((WIDTH - LABEL - 120) * bar.value) / top;
          const y = i * ROW + 4;
          return (
            <g key={bar.label}>
              <text x={LABEL - 8} y={y + 15} textAnchor="end" fontSize="13">
                {bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label}
              </text>
              <rect x={LABEL} y={y + 2} width={Math.max(w, bar.value > 0 ? 2 : 0)} height={ROW - 8} fill="#0057b7" rx="2" />
              <text x={LABEL + w + 6} y={y + 15} fontSize="13">
                {bar.display ?? bar.value}
              </text>
            </g>
          );
        })}
      </svg>
      <NumbersTable header={caption} rows={bars.map((b) => [b.label, b.display ?? String(b.value)])} />
    </figure>
  );
}

/** Two series per week as paired columns (opened vs resolved). */
export function WeeklyColumns({
  id,
  title,
  weeks,
  series,
}: {
  id: string;
  title: string;
  weeks: { week: string; values: [number, number] }[];
  series: [string, string];
}) {
  const height = 220;
  const bottom = 30;
  const top = Math.max(1, ...weeks.flatMap((w) => w.values));
  const slot = WIDTH / weeks.length;
  const colors = ["#0057b7", "#f5b800"];
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height + 24}`} role="img" aria-labelledby={`${id}-title`} width="100%">
        {weeks.map((w, i) =>
          w.values.map((v, s) => {
            const h = ((height - bottom) * v) / top;
            const x = i * slot + 6 + s * ((slot - 12) / 2);
            return (
              <g key={`${w.week}-${s}`}>
                <rect x={x} y={height - bottom - h} width={(slot - 12) / 2 - 2} height={h} fill={colors[s]} />
                <text x={x + (slot - 12) / 4 - 1} y={height - bottom - h - 3} fontSize="10" textAnchor="middle">
                  {v}
                </text>
              </g>
            );
          }),
        )}
        {weeks.map((w, i) => (
          <text key={w.week} x={i * slot + slot / 2} y={height - bottom + 14} fontSize="10" textAnchor="middle">
            {w.week.slice(5)}
          </text>
        ))}
        {series.map((name, s) => (
          <g key={name}>
            <rect x={8 + s * 160} y={height + 6} width={12} height={12} fill={colors[s]} />
            <text x={26 + s * 160} y={height + 16} fontSize="12">
              {name}
            </text>
          </g>
        ))}
      </svg>
      <NumbersTable header={["", ...series]} rows={weeks.map((w) => [w.week, ...w.values.map(String)])} />
    </figure>
  );
}

function NumbersTable({ header, rows }: { header: string[]; rows: string[][] }): ReactNode {
  return (
    <table className="visually-hidden">
      <thead>
        <tr>
          {header.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r[0]}>
            {r.map((c, i) => (i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i}>{c}</td>))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
