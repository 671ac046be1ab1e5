import { DescribeInstancesCommand, type EC2Client, type Instance } from "@aws-sdk/client-ec2";
import type { UpdaterConfig } from "./config";
import { errorCode } from "./errors";

/** Where an instance's address came from. */
export type AddressSource = "carrier" | "public";

/** What DescribeInstances says about an instance right now. */
export type Observation =
  | { readonly kind: "gone" }
  | {
      readonly kind: "instance";
      readonly state: string;
      readonly managed: boolean;
      readonly address?: { readonly ip: string; readonly source: AddressSource };
    };

/**
 * Describes the instance. A terminated instance stays describable for about an hour and then
 * disappears (`InvalidInstanceID.NotFound`); both an error and an empty answer count as gone.
 */
export async function observeInstance(
  ec2: EC2Client,
  instanceId: string,
  config: UpdaterConfig,
): Promise<Observation> {
  let instance: Instance | undefined;
  try {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }));
    instance = out.Reservations?.flatMap((r) => r.Instances ?? []).find(
      (i) => i.InstanceId === instanceId,
    );
  } catch (err) {
    if (errorCode(err) === "InvalidInstanceID.NotFound") return { kind: "gone" };
    throw err;
  }
  if (!instance) return { kind: "gone" };
  const managed = (instance.Tags ?? []).some(
    (t) =>
      t.Key === config.managedTagKey &&
      (config.managedTagValue === undefined || t.Value === config.managedTagValue),
  );
  const address = addressOf(instance);
  return {
    kind: "instance",
    state: instance.State?.Name ?? "unknown",
    managed,
    ...(address ? { address } : {}),
  };
}

/**
 * The address clients should reach: the carrier IP of the first network interface that has one
 * (`NetworkInterfaces[].Association.CarrierIp`, EC2 API `InstanceNetworkInterfaceAssociation`),
 * else the public IP, as for an instance in the Region or a Local Zone.
 */
export function addressOf(instance: Instance): { ip: string; source: AddressSource } | undefined {
  const nics = [...(instance.NetworkInterfaces ?? [])].sort(
    (a, b) => (a.Attachment?.DeviceIndex ?? 0) - (b.Attachment?.DeviceIndex ?? 0),
  );
  const carrier = nics.find((n) => n.Association?.CarrierIp)?.Association?.CarrierIp;
  if (carrier) return { ip: carrier, source: "carrier" };
  const publicIp =
    instance.PublicIpAddress ?? nics.find((n) => n.Association?.PublicIp)?.Association?.PublicIp;
  return publicIp ? { ip: publicIp, source: "public" } : undefined;
}
