/**
 * The topology as a picture (static SVG): each region a frame, its zones as columns, and one band
 * per database (each member in its zone's column: writer, failover standby, reader), with its
 * endpoints (RDS Proxy, DNS) above the members; then contingency pools and capacity reservations
 * in their zones. Regions other than the plan's hold what the plan keeps there (backup vaults).
 * Drawn from the Topology alone, generically: a database in another region (a global database's
 * secondary, say) lands in that region's frame, whose columns are the zones the emulator builds
 * there. Every box carries `data-*` attributes (zone, role, member) for tests.
 */
import { regionOf } from "../cloud/from-topology";
import type { DatabaseClusterNode, DatabaseInstanceNode, Topology } from "../plan/topology";
import { esc } from "./svg-timeline";

const COL_W = 120;
const GAP = 8;
const PAD = 10;
const HEADER_H = 40;
const BOX_H = 34;
const LINE_H = 16;
/** Approximate width of a character of the 11 px label font, for shortening labels to fit. */
const CHAR_W = 6.2;
/** Members in zones AWS picks (no `availability_zone` in the plan) are drawn in a column of that name. */
const AWS_PICKS = "zone AWS picks";

interface Box {
  readonly zone: string;
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
  readonly hover: string;
  readonly data: Readonly<Record<string, string>>;
}

interface Band {
  readonly title: string;
  readonly lines: readonly string[];
  readonly boxes: readonly Box[];
  readonly data: Readonly<Record<string, string>>;
}

/** `null` when the topology has nothing to draw. */
export function topologyPicture(t: Topology): string | null {
  const built = regionOf(t);
  const home = built.region;
  const regions = new Map<string, DatabaseClusterNode[]>([[home, []]]);
  for (const db of t.databases) {
    const r = db.region ?? home;
    regions.set(r, [...(regions.get(r) ?? []), db]);
  }
  const frames: string[] = [];
  let y = 0;
  let width = 0;
  for (const [region, databases] of regions) {
    const bands = [...databases.map((db) => databaseBand(t, db)), ...(region === home ? capacityBands(t) : [])];
    if (bands.length === 0 && region !== home) continue;
    // The zones the emulator runs in this region, and any zone a box names besides.
    const named = bands.flatMap((b) => b.boxes.map((x) => x.zone)).filter((z) => z !== AWS_PICKS);
    const zones = [...new Set([...(built.regions.get(region) ?? []), ...named])].sort();
    if (bands.some((b) => b.boxes.some((x) => x.zone === AWS_PICKS))) zones.push(AWS_PICKS);
    const frame = regionFrame(region, zones, bands, y);
    frames.push(frame.svg);
    y += frame.height + GAP;
    width = Math.max(width, frame.width);
  }
  for (const [region, lines] of otherRegions(t, home, [...regions.keys()])) {
    const frame = listFrame(region, lines, y, Math.max(width, 2 * COL_W));
    frames.push(frame.svg);
    y += frame.height + GAP;
    width = Math.max(width, frame.width);
  }
  if (t.databases.length === 0 && frames.length <= 1 && capacityBands(t).length === 0) return null;
  const height = y - GAP;
  return [
    `<svg class="topology" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="topology of the plan">`,
    ...frames,
    "</svg>",
  ].join("\n");
}

function databaseBand(t: Topology, db: DatabaseClusterNode): Band {
  const proxies = t.dbProxies.filter((p) => p.target && "address" in p.target && p.target.address === db.address);
  const endpoints = [...proxies.map((p) => p.address), db.address];
  const dns = t.dnsRecords.filter((r) => r.pointsTo && endpoints.includes(r.pointsTo.address));
  const global = db.global;
  const lines = [
    ...(global
      ? [
          global.role === "primary"
            ? `primary of global database ${global.identifier ?? global.address}`
            : `read-only secondary of global database ${global.identifier ?? global.address}: no writer until a global failover or switchover`,
        ]
      : []),
    ...(db.autoscaling
      ? [
          `Aurora Auto Scaling keeps ≥ ${db.autoscaling.minCapacity} reader${db.autoscaling.minCapacity === 1 ? "" : "s"}${db.autoscaling.maxCapacity === undefined ? "" : ` (max ${db.autoscaling.maxCapacity})`}`,
        ]
      : []),
    ...proxies.map((p) => `RDS Proxy ${p.name} in ${p.zones.length ? p.zones.join(", ") : "(zones unknown)"}`),
    ...dns.map((r) => `DNS ${r.name}${r.ttlSeconds === undefined ? "" : ` (TTL ${r.ttlSeconds} s)`}`),
  ];
  const kind = db.kind === "rds-instance" ? (db.instances.length > 1 ? " (Multi-AZ DB instance)" : " (single-AZ DB instance)") : "";
  return {
    title: `${db.address} · ${db.engine}${kind}`,
    lines,
    data: { "data-db": db.address },
    boxes: db.instances.map((m) => memberBox(db, m)),
  };
}

const ROLE_NAME: Record<DatabaseInstanceNode["role"], string> = { writer: "writer", failover: "failover standby", read: "reader" };

function memberBox(db: DatabaseClusterNode, m: DatabaseInstanceNode): Box {
  const zone = m.availabilityZone ?? AWS_PICKS;
  const name = m.identifier ?? (m.member === m.address ? m.address.split(".").pop() : m.member) ?? m.member;
  const tier = m.promotionTier === undefined ? "" : `, tier ${m.promotionTier}`;
  // A Multi-AZ DB instance's standby serves no reads; Auto Scaling's replicas have no resource of their own.
  const title = m.readable === false ? "no-read standby" : m.addedBy !== undefined ? "scaled reader" : ROLE_NAME[m.role];
  const why =
    m.readable === false
      ? "; serves no reads, becomes the primary on a failover"
      : m.addedBy !== undefined
        ? `; added by ${m.addedBy}, no resource of its own`
        : m.roleSource === "global-secondary"
          ? "; read-only: a global database's secondary"
          : "";
  return {
    zone,
    kind: m.role,
    title,
    detail: `${m.instanceClass}${m.nodeCount && m.nodeCount > 1 ? ` × ${m.nodeCount}` : ""}`,
    hover: `${ROLE_NAME[m.role]} ${name} of ${db.address}: ${m.instanceClass} in ${m.availabilityZone ?? `a zone AWS picks${m.candidateZones ? ` from ${m.candidateZones.join(", ")}` : ""}`}${tier}${why}`,
    data: { "data-member": m.member, "data-zone": zone, "data-role": m.role },
  };
}

/** Contingency pools (spot groups with designated capacity) and capacity reservations, in their zones. */
function capacityBands(t: Topology): Band[] {
  const bands: Band[] = [];
  const pools = t.autoScalingGroups.filter(
    (g) => g.role === "contingency" || g.designatedCount !== undefined || t.contingencyDesignations.some((d) => d.pool === g.address),
  );
  for (const g of pools) {
    const designation = t.contingencyDesignations.find((d) => d.pool === g.address);
    const type = g.instanceTypes[0] ?? "?";
    bands.push({
      title: `contingency pool ${g.name ?? g.address}`,
      lines: designation
        ? [
            `${designation.designatedCount} × ${designation.instanceType} designated for ${designation.topology} (primary in ${designation.primaryAvailabilityZone})`,
          ]
        : [],
      data: { "data-pool": g.address },
      boxes: g.zones.map((zone) => ({
        zone,
        kind: "pool",
        title: "spot pool",
        detail: `${g.desiredCapacity} × ${type}`,
        hover: `${g.address}: ${g.minSize}–${g.maxSize} instances of ${g.instanceTypes.join(", ") || "?"} over ${g.zones.join(", ")}`,
        data: { "data-zone": zone, "data-role": "pool" },
      })),
    });
  }
  const reservations = t.capacityReservations.filter((r) => r.availabilityZone !== undefined);
  if (reservations.length)
    bands.push({
      title: "capacity reservations",
      lines: [],
      data: { "data-reservations": String(reservations.length) },
      boxes: reservations.map((r) => ({
        zone: r.availabilityZone as string,
        kind: "reserved",
        title: "reserved",
        detail: `${r.instanceCount} × ${r.instanceType}`,
        hover: `${r.address}: ${r.instanceCount} × ${r.instanceType} (${r.matchCriteria})`,
        data: { "data-zone": r.availabilityZone as string, "data-role": "reserved" },
      })),
    });
  return bands;
}

/** Regions the plan names besides the ones drawn, with what it keeps there. */
function otherRegions(t: Topology, home: string, drawn: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of t.regions) if (!drawn.includes(r)) out.set(r, []);
  for (const v of t.backupVaults)
    if (v.region && v.region !== home) out.set(v.region, [...(out.get(v.region) ?? []), `backup vault ${v.name}`]);
  return out;
}

function regionFrame(
  region: string,
  zones: readonly string[],
  bands: readonly Band[],
  top: number,
): { svg: string; height: number; width: number } {
  const width = PAD * 2 + zones.length * COL_W + (zones.length - 1) * GAP;
  const colX = (zone: string) => PAD + Math.max(0, zones.indexOf(zone)) * (COL_W + GAP);
  const parts: string[] = [];
  let y = top + HEADER_H;
  for (const band of bands) {
    const rows = Math.max(1, ...zones.map((z) => band.boxes.filter((b) => b.zone === z).length));
    const titleH = LINE_H * (1 + band.lines.length);
    const height = titleH + rows * (BOX_H + 4) + 8;
    const attrs = Object.entries(band.data)
      .map(([k, v]) => ` ${k}="${esc(v)}"`)
      .join("");
    parts.push(`<g class="band"${attrs}>`);
    parts.push(`<rect class="band-bg" x="${PAD - 4}" y="${y}" width="${width - 2 * PAD + 8}" height="${height}" rx="4"/>`);
    parts.push(text(PAD, y + 12, band.title, width - 2 * PAD, "band-title"));
    band.lines.forEach((line, i) => {
      parts.push(text(PAD, y + 12 + LINE_H * (i + 1), line, width - 2 * PAD, "band-line"));
    });
    const used = new Map<string, number>();
    for (const box of band.boxes) {
      const row = used.get(box.zone) ?? 0;
      used.set(box.zone, row + 1);
      const x = colX(box.zone) + 4;
      const by = y + titleH + 4 + row * (BOX_H + 4);
      const data = Object.entries(box.data)
        .map(([k, v]) => ` ${k}="${esc(v)}"`)
        .join("");
      parts.push(
        `<g class="node node-${box.kind}"${data}><title>${esc(box.hover)}</title>` +
          `<rect x="${x}" y="${by}" width="${COL_W - 8}" height="${BOX_H}" rx="3"/>` +
          text(x + 5, by + 14, box.title, COL_W - 18, "node-title") +
          text(x + 5, by + 28, box.detail, COL_W - 18, "node-detail") +
          "</g>",
      );
    }
    parts.push("</g>");
    y += height + 6;
  }
  const height = y - top + 4;
  const head = [
    `<g class="region" data-region="${esc(region)}">`,
    `<rect class="region-frame" x="1" y="${top + 1}" width="${width - 2}" height="${height - 2}" rx="6"/>`,
    text(PAD, top + 15, `Region ${region}`, width - 2 * PAD, "region-title"),
    ...zones.map(
      (z) =>
        `<g class="zone" data-zone="${esc(z)}"><rect class="zone-col" x="${colX(z)}" y="${top + 22}" width="${COL_W}" height="${height - 26}" rx="3"/>` +
        `${text(colX(z) + 4, top + 34, z, COL_W - 8, "zone-title")}</g>`,
    ),
  ];
  return { svg: [...head, ...parts, "</g>"].join("\n"), height, width };
}

function listFrame(region: string, lines: readonly string[], top: number, width: number): { svg: string; height: number; width: number } {
  const height = 26 + Math.max(1, lines.length) * LINE_H;
  const body = (lines.length ? lines : ["named by the plan (provider or resource region)"]).map((l, i) =>
    text(PAD, top + 36 + i * LINE_H, l, width - 2 * PAD, "band-line"),
  );
  return {
    svg: [
      `<g class="region" data-region="${esc(region)}">`,
      `<rect class="region-frame" x="1" y="${top + 1}" width="${width - 2}" height="${height - 2}" rx="6"/>`,
      text(PAD, top + 15, `Region ${region}`, width - 2 * PAD, "region-title"),
      ...body,
      "</g>",
    ].join("\n"),
    height,
    width,
  };
}

/** A label shortened (from the left, keeping the distinctive end) to fit `maxWidth`; the full text is the hover text. */
function text(x: number, y: number, s: string, maxWidth: number, cls: string): string {
  const max = Math.max(4, Math.floor(maxWidth / CHAR_W));
  const shown = s.length <= max ? s : `…${s.slice(s.length - max + 1)}`;
  const hover = shown === s ? "" : `<title>${esc(s)}</title>`;
  return `<text class="${cls}" x="${x}" y="${y}">${hover}${esc(shown)}</text>`;
}
