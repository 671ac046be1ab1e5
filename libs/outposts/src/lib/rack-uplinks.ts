import { EdgeConfigError } from "@edge/core";

/** What the customer network devices must provide for a multi-rack Outpost. */
export interface UplinkNeeds {
  /** Physical ports on the customer network devices. */
  readonly physicalPorts: number;
  /** Fiber cables between the Outpost and the customer network devices. */
  readonly fiberCables: number;
  /** LACP port channels (link aggregation groups). */
  readonly lacpPortChannels: number;
  /** VLAN virtual interfaces. */
  readonly vlanVifs: number;
  /** Point-to-point subnets, one per VLAN virtual interface. */
  readonly pointToPointSubnets: number;
}

/** The uplink plan of one logical Outpost. */
export interface RackUplinkPlan extends UplinkNeeds {
  /** Compute racks, not counting the ACE rack. */
  readonly racks: number;
  /** The Outpost is cabled through an ACE (aggregation, core, edge) rack. */
  readonly aceRack: boolean;
  /** AWS recommends an ACE rack for this rack count. */
  readonly aceRecommended: boolean;
  /** The same Outpost planned the other way (with an ACE rack if this plan has none, and back). */
  readonly alternative: UplinkNeeds;
  /** The ACE rack's own facility needs, when there is one. */
  readonly aceRackFacility?: AceRackFacility;
  /** One line of advice on the ACE rack for this rack count. */
  readonly recommendation: string;
}

/** Power and weight of an ACE rack. */
export interface AceRackFacility {
  /** Maximum power draw in kVA. */
  readonly maxPowerKva: number;
  /** Maximum weight in pounds. */
  readonly maxWeightLb: number;
}

/** Input of {@link planRackUplinks}. */
export interface RackUplinkInput {
  /** Compute racks of the logical Outpost, not counting an ACE rack. */
  readonly racks: number;
  /** The Outpost has an ACE rack. @default false */
  readonly aceRack?: boolean;
  /** Config path of the rack count, for errors. @default "racks" */
  readonly path?: string;
}

// Source for every figure below: AWS Compute Blog, "Scaling AWS Outposts rack deployments with
// ACE racks" (Eric Vasquez, Paul Scherer), https://aws.amazon.com/blogs/compute/scaling-aws-outposts-rack-deployments-with-ace-racks/
// and the Outposts user guide page it points to for ACE site requirements,
// https://docs.aws.amazon.com/outposts/latest/userguide/outposts-requirements.html ("Site
// requirements for Outposts ACE racks"). Read here: "ACE racks are recommended for customers with
// planned deployments beyond three racks excluding the ACE rack itself" [verified in the post].
// The per-rack and per-ACE counts, 10 kVA and 705 lb are as quoted from the post in issue 4
// [secondary: not re-read here, the post's table was not reachable].

/** Without an ACE rack, every compute rack connects to the customer network on its own. */
export const UPLINKS_PER_RACK_WITHOUT_ACE: UplinkNeeds = {
  physicalPorts: 2,
  fiberCables: 2,
  lacpPortChannels: 2,
  vlanVifs: 4,
  pointToPointSubnets: 4,
};

/** Behind an ACE rack, the whole Outpost needs this much, however many racks it has. */
export const UPLINKS_WITH_ACE: UplinkNeeds = {
  physicalPorts: 4,
  fiberCables: 4,
  lacpPortChannels: 4,
  vlanVifs: 8,
  pointToPointSubnets: 8,
};

/** AWS recommends an ACE rack beyond this many compute racks. */
export const ACE_RECOMMENDED_ABOVE_RACKS = 3;

/** An ACE rack draws up to 10 kVA and weighs up to 705 lb. */
export const ACE_RACK_FACILITY: AceRackFacility = { maxPowerKva: 10, maxWeightLb: 705 };

function needsFor(racks: number, aceRack: boolean): UplinkNeeds {
  if (aceRack) return { ...UPLINKS_WITH_ACE };
  const r = UPLINKS_PER_RACK_WITHOUT_ACE;
  return {
    physicalPorts: r.physicalPorts * racks,
    fiberCables: r.fiberCables * racks,
    lacpPortChannels: r.lacpPortChannels * racks,
    vlanVifs: r.vlanVifs * racks,
    pointToPointSubnets: r.pointToPointSubnets * racks,
  };
}

/**
 * Plans the network uplinks a logical Outpost needs on the customer network devices, for a rack
 * count with or without an ACE rack, and says whether AWS recommends an ACE rack. Pure: no
 * construct, no I/O. Throws `EDGE_OUTPOST_RACKS` unless `racks` is a whole number of at least 1.
 */
export function planRackUplinks(input: RackUplinkInput): RackUplinkPlan {
  const { racks } = input;
  const aceRack = input.aceRack ?? false;
  if (typeof racks !== "number" || !Number.isInteger(racks) || racks < 1) {
    throw new EdgeConfigError({
      code: "EDGE_OUTPOST_RACKS",
      path: input.path ?? "racks",
      value: racks,
      problem: "an Outpost has a whole number of compute racks, at least 1",
      fix: "give the number of compute racks ordered, not counting an ACE rack",
    });
  }
  const aceRecommended = racks > ACE_RECOMMENDED_ABOVE_RACKS;
  const needs = needsFor(racks, aceRack);
  const alternative = needsFor(racks, !aceRack);
  const ports = (n: UplinkNeeds) =>
    `${n.physicalPorts} physical port${n.physicalPorts === 1 ? "" : "s"}`;
  let recommendation: string;
  if (aceRecommended && !aceRack) {
    recommendation = `AWS recommends an ACE rack beyond ${ACE_RECOMMENDED_ABOVE_RACKS} racks: with one, this Outpost needs ${ports(alternative)} instead of ${needs.physicalPorts}, and room for a rack of up to ${ACE_RACK_FACILITY.maxPowerKva} kVA and ${ACE_RACK_FACILITY.maxWeightLb} lb`;
  } else if (aceRack && !aceRecommended) {
    recommendation = `an ACE rack is optional at ${racks} rack${racks === 1 ? "" : "s"} (AWS recommends one beyond ${ACE_RECOMMENDED_ABOVE_RACKS}); it pays off if the Outpost will grow past ${ACE_RECOMMENDED_ABOVE_RACKS} racks`;
  } else if (aceRack) {
    recommendation = `the ACE rack is the recommended layout beyond ${ACE_RECOMMENDED_ABOVE_RACKS} racks: uplinks stay at ${ports(needs)} however many racks are added, instead of ${alternative.physicalPorts} without it`;
  } else {
    recommendation = `no ACE rack needed at ${racks} rack${racks === 1 ? "" : "s"}; AWS recommends one if the Outpost will grow beyond ${ACE_RECOMMENDED_ABOVE_RACKS} racks`;
  }
  return {
    racks,
    aceRack,
    ...needs,
    aceRecommended,
    alternative,
    ...(aceRack ? { aceRackFacility: { ...ACE_RACK_FACILITY } } : {}),
    recommendation,
  };
}

/** Renders a plan for a terminal, one fact per line; `title` names the stack or Outpost. */
export function formatRackUplinkPlan(plan: RackUplinkPlan, title: string): string {
  const racks = `${plan.racks} rack${plan.racks === 1 ? "" : "s"}`;
  const lines = [
    `${title}: uplink plan for ${racks} ${plan.aceRack ? "behind an ACE rack" : "without an ACE rack"}`,
    `  physical ports         ${plan.physicalPorts}`,
    `  fiber cables           ${plan.fiberCables}`,
    `  LACP port channels     ${plan.lacpPortChannels}`,
    `  VLAN VIFs              ${plan.vlanVifs}`,
    `  point-to-point subnets ${plan.pointToPointSubnets}`,
  ];
  if (plan.aceRackFacility) {
    lines.push(
      `  ACE rack facility      up to ${plan.aceRackFacility.maxPowerKva} kVA, up to ${plan.aceRackFacility.maxWeightLb} lb`,
    );
  }
  lines.push(`  ${plan.recommendation}`);
  return lines.join("\n");
}
