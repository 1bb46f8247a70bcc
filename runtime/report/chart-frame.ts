/**
 * The frame the report's bar charts share: the SVG element (its class, size, accessible name and
 * `data-*` attributes for tests), the baseline, and the count scale's two labels (its top and 0).
 */
import { esc } from "./svg-timeline";

export interface ChartFrame {
  /** The SVG's class (`chart`, `histogram`): what the style sheet and tests select. */
  readonly cls: string;
  readonly width: number;
  readonly height: number;
  /** The chart's name for a screen reader. */
  readonly label: string;
  readonly data: Readonly<Record<string, number>>;
  /** The baseline, px: from x0 to x1 at y. */
  readonly axis: { readonly x0: number; readonly x1: number; readonly y: number };
  /** Where the count labels' right edge and the plot's top are, px. */
  readonly left: number;
  readonly top: number;
  /** The count the plot's top stands for. */
  readonly topCount: number;
}

/** The whole SVG: the frame around `content` (bars, ticks, marks; already markup). */
export function chartSvg(f: ChartFrame, content: readonly string[]): string {
  const data = Object.entries(f.data)
    .map(([k, v]) => ` data-${k}="${v}"`)
    .join("");
  return [
    `<svg class="${f.cls}" xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${esc(f.label)}"${data}>`,
    `<line class="axis" x1="${f.axis.x0}" x2="${f.axis.x1}" y1="${f.axis.y}" y2="${f.axis.y}"/>`,
    `<text class="axis-label" x="${f.left - 4}" y="${f.top + 4}">${f.topCount}</text>`,
    `<text class="axis-label" x="${f.left - 4}" y="${f.axis.y}">0</text>`,
    ...content,
    "</svg>",
  ].join("\n");
}
