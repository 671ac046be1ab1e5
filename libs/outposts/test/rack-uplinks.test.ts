import { configError } from "@edge/core/testing";
import { formatRackUplinkPlan, planRackUplinks } from "../src";
import { expectConfigError } from "./expect-error";

const needs = (p: ReturnType<typeof planRackUplinks>) => [
  p.physicalPorts,
  p.fiberCables,
  p.lacpPortChannels,
  p.vlanVifs,
  p.pointToPointSubnets,
];

describe("planRackUplinks without an ACE rack", () => {
  // Per rack: 2 ports, 2 fibers, 2 LACP port channels, 4 VLAN VIFs, 4 point-to-point subnets.
  it.each([
    [1, [2, 2, 2, 4, 4], false],
    [2, [4, 4, 4, 8, 8], false],
    [3, [6, 6, 6, 12, 12], false],
    [4, [8, 8, 8, 16, 16], true],
    [5, [10, 10, 10, 20, 20], true],
    [6, [12, 12, 12, 24, 24], true],
    [7, [14, 14, 14, 28, 28], true],
    [8, [16, 16, 16, 32, 32], true],
  ])("%i racks need %j, ACE recommended: %s", (racks, expected, recommended) => {
    const plan = planRackUplinks({ racks });
    expect(plan.aceRack).toBe(false);
    expect(needs(plan)).toEqual(expected);
    expect(plan.aceRecommended).toBe(recommended);
    expect(plan.aceRackFacility).toBeUndefined();
    expect(plan.alternative).toEqual({
      physicalPorts: 4,
      fiberCables: 4,
      lacpPortChannels: 4,
      vlanVifs: 8,
      pointToPointSubnets: 8,
    });
  });
});

describe("planRackUplinks behind an ACE rack", () => {
  // The whole Outpost: 4 ports, 4 fibers, 4 port channels, 8 VIFs, 8 P2P subnets, at any size.
  it.each([
    [1, false],
    [2, false],
    [3, false],
    [4, true],
    [5, true],
    [6, true],
    [7, true],
    [8, true],
  ])("%i racks need the same 4 ports, ACE recommended: %s", (racks, recommended) => {
    const plan = planRackUplinks({ racks, aceRack: true });
    expect(plan.aceRack).toBe(true);
    expect(needs(plan)).toEqual([4, 4, 4, 8, 8]);
    expect(plan.aceRecommended).toBe(recommended);
    expect(plan.aceRackFacility).toEqual({ maxPowerKva: 10, maxWeightLb: 705 });
    expect(plan.alternative.physicalPorts).toBe(2 * racks);
  });
});

describe("planRackUplinks recommendations", () => {
  it("recommends an ACE rack beyond three racks, with the ports it saves", () => {
    expect(planRackUplinks({ racks: 5 }).recommendation).toBe(
      "AWS recommends an ACE rack beyond 3 racks: with one, this Outpost needs 4 physical ports instead of 10, and room for a rack of up to 10 kVA and 705 lb",
    );
  });

  it("calls an ACE rack optional up to three racks", () => {
    expect(planRackUplinks({ racks: 2, aceRack: true }).recommendation).toBe(
      "an ACE rack is optional at 2 racks (AWS recommends one beyond 3); it pays off if the Outpost will grow past 3 racks",
    );
    expect(planRackUplinks({ racks: 3 }).recommendation).toBe(
      "no ACE rack needed at 3 racks; AWS recommends one if the Outpost will grow beyond 3 racks",
    );
  });

  it("confirms an ACE rack beyond three racks", () => {
    expect(planRackUplinks({ racks: 6, aceRack: true }).recommendation).toBe(
      "the ACE rack is the recommended layout beyond 3 racks: uplinks stay at 4 physical ports however many racks are added, instead of 12 without it",
    );
  });

  it("renders the plan for a terminal", () => {
    expect(
      formatRackUplinkPlan(planRackUplinks({ racks: 4, aceRack: true }), "outpost-factory-prod"),
    ).toBe(
      [
        "outpost-factory-prod: uplink plan for 4 racks behind an ACE rack",
        "  physical ports         4",
        "  fiber cables           4",
        "  LACP port channels     4",
        "  VLAN VIFs              8",
        "  point-to-point subnets 8",
        "  ACE rack facility      up to 10 kVA, up to 705 lb",
        "  the ACE rack is the recommended layout beyond 3 racks: uplinks stay at 4 physical ports however many racks are added, instead of 8 without it",
      ].join("\n"),
    );
  });
});

describe("planRackUplinks bad input", () => {
  it.each([0, -2, 1.5, Number.NaN])("rejects %p racks", (racks) => {
    const err = configError(() => planRackUplinks({ racks, path: "outpost.racks" }));
    expect(err.code).toBe("EDGE_OUTPOST_RACKS");
    expect(err.path).toBe("outpost.racks");
  });

  it("explains what a rack count is", () => {
    expectConfigError(
      configError(() => planRackUplinks({ racks: 0 })),
      "EDGE_OUTPOST_RACKS",
      "EDGE_OUTPOST_RACKS at racks: an Outpost has a whole number of compute racks, at least 1 (got 0); fix: give the number of compute racks ordered, not counting an ACE rack",
    );
  });
});
