// Charts drawn as tables: each row is a label, a bar as long as its share, and the number right
// after the bar. The words are the page's own text, so they stay readable on a phone (an SVG
// scaled down to one shrank its 13 px labels to 6 px), long names wrap instead of being cut, no
// number falls off the top of its chart, and screen readers read the table itself.

type Bar = { label: string; value: number; display?: string };

/** A bar's length: its share of the row, less the room kept for the longest number. */
function barWidth(share: number, room: number) {
  return `calc((100% - ${room}ch) * ${Math.min(1, Math.max(0, share)).toFixed(4)})`;
}

function Meter({ share, text, room, series = 0 }: { share: number; text: string; room: number; series?: number }) {
  return (
    <span className="meter">
      <span className={`bar s${series}`} style={{ width: barWidth(share, room) }} />
      <span className="value">{text}</span>
    </span>
  );
}

const roomFor = (texts: string[]) => Math.max(...texts.map((text) => text.length), 1) + 2;

/** Horizontal bars, largest first. */
export function BarChart({ id, title, bars, max, caption }: { id: string; title: string; bars: Bar[]; max?: number; caption: [string, string] }) {
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1);
  const room = roomFor(bars.map((b) => b.display ?? String(b.value)));
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <table className="bars" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{caption[0]}</th>
            <th scope="col">{caption[1]}</th>
          </tr>
        </thead>
        <tbody>
          {bars.map((bar) => (
            <tr key={bar.label}>
              <th scope="row">{bar.label}</th>
              <td>
                <Meter share={bar.value / top} text={bar.display ?? String(bar.value)} room={room} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Two series per week (opened and resolved), a row per week. */
export function WeeklyBars({
  id,
  title,
  weekHeader,
  weeks,
  series,
}: {
  id: string;
  title: string;
  weekHeader: string;
  weeks: { week: string; values: [number, number] }[];
  series: [string, string];
}) {
  const top = Math.max(1, ...weeks.flatMap((w) => w.values));
  const room = roomFor(weeks.flatMap((w) => w.values.map(String)));
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <table className="bars weekly" aria-labelledby={`${id}-title`}>
        <thead>
          <tr>
            <th scope="col">{weekHeader}</th>
            {series.map((name, s) => (
              <th key={name} scope="col">
                <span className={`key s${s}`} aria-hidden="true" />
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.week}>
              <th scope="row">{w.week}</th>
              {w.values.map((v, s) => (
                <td key={s}>
                  <Meter share={v / top} text={String(v)} room={room} series={s} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
