import { Route53CidrCollection } from "@cdktf/provider-aws/lib/route53-cidr-collection";
import { Route53CidrLocation } from "@cdktf/provider-aws/lib/route53-cidr-location";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { ConfigCheck, EdgeStack } from "@edge/core";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import {
  checkCarrierClients,
  checkLocationUnique,
  type CarrierClients,
} from "./private/cidr-rules";
import { ensureValidation, trackRecord } from "./private/record-sets";
import { bareZoneId, checkRecordName, checkZoneId } from "./private/rules";

export type { CarrierClients } from "./private/cidr-rules";

/** One carrier network: its clients and the name they get. */
export interface CarrierAudience extends CarrierClients {
  /**
   * The carrier name its clients get: the weighted carrier-IP records of the site's
   * CarrierIpDnsUpdater, in the same hosted zone.
   */
  readonly carrierName: string;
}

/** Props of {@link AudienceRoutedName}. */
export interface AudienceRoutedNameProps {
  /** The public hosted zone of all three names. */
  readonly hostedZoneId: string;
  /** The public name clients resolve, such as `edge.example.com`. */
  readonly recordName: string;
  /** The internet name every other client gets: the weighted aliases of the internet endpoints. */
  readonly internetName: string;
  /** The carrier networks, each with its client blocks and carrier name. */
  readonly carriers: readonly CarrierAudience[];
  /** @default `<site>-<env>-<id>` */
  readonly collectionName?: string;
  /**
   * Resources that make the alias targets exist (the internet name's records): Route 53 refuses
   * an alias to a name that has no record ("Tried to create an alias that targets ..., but that
   * target was not found").
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /** Config path of these props, for errors. @default "dns" */
  readonly configPath?: string;
}

/** The set identifier of the default location's record. */
export const INTERNET_SET_IDENTIFIER = "internet";

/**
 * One public name answered by client network (Route 53 IP-based routing): a CIDR collection
 * (`aws_route53_cidr_collection`) with one location per carrier network
 * (`aws_route53_cidr_location`, the carrier's client blocks), and one record per location
 * (`cidr_routing_policy`): clients in a carrier's blocks get an alias to its carrier name, every
 * other client (the default location `*`) an alias to the internet name. Carrier IPs, which
 * only the carrier's network can reach ("There is no inbound connection configuration from the
 * internet to a Wavelength Zone through the carrier gateway", Wavelength guide), so never reach
 * an internet client's answer.
 */
export class AudienceRoutedName extends Construct {
  readonly collection: Route53CidrCollection;
  /** CIDR locations by location name. */
  readonly locations: Readonly<Record<string, Route53CidrLocation>>;
  /** Records by set identifier: one per carrier location, and `internet` for the default. */
  readonly records: Readonly<Record<string, Route53Record>>;
  readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: AudienceRoutedNameProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "dns";
    const check = new ConfigCheck();
    checkZoneId(check, props.hostedZoneId, `${path}.hostedZoneId`);
    checkRecordName(check, props.recordName, `${path}.recordName`);
    checkRecordName(check, props.internetName, `${path}.internetName`);
    props.carriers.forEach((c, i) => {
      checkCarrierClients(check, c, `${path}.carriers[${i}]`);
      checkRecordName(check, c.carrierName, `${path}.carriers[${i}].carrierName`);
    });
    checkLocationUnique(
      check,
      props.carriers.map((c) => c.location),
      `${path}.carriers`,
    );
    check.throwIfFailed();

    this.hostedZoneId = bareZoneId(props.hostedZoneId);
    const name = props.collectionName ?? stack.physicalName(id);
    this.collection = new Route53CidrCollection(this, "collection", { name });

    const locations: Record<string, Route53CidrLocation> = {};
    const records: Record<string, Route53Record> = {};
    const alias = (target: string) => ({
      name: target,
      zoneId: this.hostedZoneId,
      evaluateTargetHealth: true,
    });
    props.carriers.forEach((c, i) => {
      const location = new Route53CidrLocation(this, `location-${c.location}`, {
        cidrCollectionId: this.collection.id,
        name: c.location,
        cidrBlocks: [...c.cidrBlocks],
      });
      locations[c.location] = location;
      const record = new Route53Record(this, `record-${c.location}`, {
        zoneId: this.hostedZoneId,
        name: props.recordName,
        type: "A",
        setIdentifier: c.location,
        cidrRoutingPolicy: { collectionId: this.collection.id, locationName: location.name },
        alias: alias(c.carrierName),
        ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
      });
      trackRecord(record, `${path}.carriers[${i}]`, { audience: "carrier" });
      records[c.location] = record;
    });
    // The default location: "To define a zero bit CIDR block (0.0.0.0/0 or ::/0), use the
    // default ("*") location" (Route 53 Developer Guide, "IP-based routing"); CollectionId is
    // still required for it (CidrRoutingConfig).
    const internet = new Route53Record(this, `record-${INTERNET_SET_IDENTIFIER}`, {
      zoneId: this.hostedZoneId,
      name: props.recordName,
      type: "A",
      setIdentifier: INTERNET_SET_IDENTIFIER,
      cidrRoutingPolicy: { collectionId: this.collection.id, locationName: "*" },
      alias: alias(props.internetName),
      ...(props.dependsOn ? { dependsOn: props.dependsOn } : {}),
    });
    trackRecord(internet, `${path}.internetName`, { audience: "internet" });
    records[INTERNET_SET_IDENTIFIER] = internet;
    this.locations = locations;
    this.records = records;
    ensureValidation(stack);
  }
}
