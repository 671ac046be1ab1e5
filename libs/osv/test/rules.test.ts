import { configError, testStack } from "@edge/core/testing";
import {
  OsvAutoScalingFleet,
  OsvFixedHosts,
  OsvHostSecurityGroup,
  OsvImage,
  type OsvAutoScalingFleetProps,
  type OsvFixedHostsProps,
  type OsvHostSecurityGroupProps,
  type OsvImageProps,
} from "../src";
import {
  AZ_SUBNETS,
  BASE,
  LZ_SUBNETS,
  OP_SUBNETS,
  OUTPOST,
  OUTPOST_ARN,
  WL_SUBNETS,
} from "./fixtures";

// Credentials built at run time, so secret scanners do not flag this file. AKIAIOSFODNN7EXAMPLE
// is the example key id of the AWS documentation.
const AWS_KEY = "AKIA" + "IOSFODNN7EXAMPLE";
const PRIVATE_KEY = "-----BEGIN " + "RSA PRIVATE KEY-----";

const IMAGE: OsvImageProps = { s3Bucket: "osv-images", s3Key: "app/usr.raw" };

/** Every rule fails with its stable code and the whole message: path, problem, value, fix. */
function expectRule(build: () => unknown, code: string, message: string) {
  const err = configError(build);
  expect(err.code).toBe(code);
  expect(err.message).toBe(message);
}

describe("OsvImage rules", () => {
  it.each<[string, string, Partial<OsvImageProps>, string]>([
    [
      "neither an S3 image nor an AMI id",
      "EDGE_OSV_IMAGE_SOURCE",
      { s3Bucket: undefined, s3Key: undefined },
      "EDGE_OSV_IMAGE_SOURCE at osv.image.s3Bucket: neither an S3 image (s3Bucket and s3Key) nor an AMI id is given (got nothing); fix: give s3Bucket and s3Key of the converted OSv disk image, or amiId of an existing OSv AMI, not both",
    ],
    [
      "both an S3 image and an AMI id",
      "EDGE_OSV_IMAGE_SOURCE",
      { amiId: "ami-0123456789abcdef0" },
      'EDGE_OSV_IMAGE_SOURCE at osv.image.amiId: both an S3 image (s3Bucket "osv-images", s3Key "app/usr.raw") and an AMI id are given; an image comes from exactly one of them (got "ami-0123456789abcdef0"); fix: give s3Bucket and s3Key of the converted OSv disk image, or amiId of an existing OSv AMI, not both',
    ],
    [
      "import options with an existing AMI",
      "EDGE_OSV_IMAGE_SOURCE",
      { s3Bucket: undefined, s3Key: undefined, amiId: "ami-0123456789abcdef0", format: "RAW" },
      'EDGE_OSV_IMAGE_SOURCE at osv.image.format: format configures the S3 import pipeline, and this image is an existing AMI (got "RAW"); fix: remove format, or import the image from S3 instead of passing amiId',
    ],
    [
      "qcow2, OSv's default format",
      "EDGE_OSV_IMAGE_FORMAT",
      { format: "qcow2" },
      'EDGE_OSV_IMAGE_FORMAT at osv.image.format: EBS snapshot import does not accept qcow2, OSv\'s default image format (got "qcow2"); fix: convert the image first with qemu-img convert -O raw usr.img usr.raw, upload usr.raw and set format "RAW"',
    ],
    [
      "a lower-case format",
      "EDGE_OSV_IMAGE_FORMAT",
      { format: "raw" },
      'EDGE_OSV_IMAGE_FORMAT at osv.image.format: the format must be upper case: the provider compares it case-sensitively (got "raw"); fix: use "RAW", "VHD", "VMDK" (upper case)',
    ],
    [
      "an unknown format",
      "EDGE_OSV_IMAGE_FORMAT",
      { format: "ISO" },
      'EDGE_OSV_IMAGE_FORMAT at osv.image.format: not a disk format EBS snapshot import accepts (got "ISO"); fix: use "RAW", "VHD", "VMDK" (upper case)',
    ],
    [
      "a .qcow2 object",
      "EDGE_OSV_IMAGE_FORMAT",
      { s3Key: "osv/usr.qcow2" },
      'EDGE_OSV_IMAGE_FORMAT at osv.image.s3Key: the object is a qcow2 image, which EBS snapshot import does not accept (got "osv/usr.qcow2"); fix: convert it first with qemu-img convert -O raw usr.qcow2 usr.raw, upload usr.raw and point s3Key at it',
    ],
    [
      "a malformed AMI id",
      "EDGE_OSV_AMI_ID",
      { s3Bucket: undefined, s3Key: undefined, amiId: "ami-xyz" },
      'EDGE_OSV_AMI_ID at osv.image.amiId: not an AMI id (got "ami-xyz"); fix: use the id of a registered AMI, such as ami-0123456789abcdef0',
    ],
    [
      "a bucket given as a URL",
      "EDGE_OSV_S3_LOCATION",
      { s3Bucket: "s3://osv-images" },
      'EDGE_OSV_S3_LOCATION at osv.image.s3Bucket: the bucket is given as a URL (got "s3://osv-images"); fix: give the bucket name alone, e.g. "osv-images-prod", and the object key in s3Key',
    ],
    [
      // S3 general purpose bucket naming rules (the core bucket-name catalog): a name with
      // capitals and an underscore is a bad name, not a location in the wrong shape.
      "a bucket name with capitals and an underscore",
      "EDGE_S3_BUCKET_NAME",
      { s3Bucket: "Edge_OSV-images" },
      'EDGE_S3_BUCKET_NAME at osv.image.s3Bucket: a bucket name has only lowercase letters, numbers, periods and hyphens (got "Edge_OSV-images"); fix: use 3 to 63 lowercase letters, numbers, hyphens and single periods, starting and ending with a letter or number, such as "edge-blueprints-logs-111111111111" (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html)',
    ],
    [
      "a key that is a folder",
      "EDGE_OSV_S3_LOCATION",
      { s3Key: "osv/" },
      'EDGE_OSV_S3_LOCATION at osv.image.s3Key: not the key of an object: it must be 1-1024 characters, not starting or ending with / (got "osv/"); fix: give the key of the converted image object, e.g. "osv/app/usr.raw"',
    ],
    [
      "an unencrypted import",
      "EDGE_OSV_IMAGE_UNENCRYPTED",
      { encrypted: false },
      "EDGE_OSV_IMAGE_UNENCRYPTED at osv.image.encrypted: the imported snapshot would be unencrypted, and every host launched from the AMI would start from an unencrypted disk (got false); fix: leave encrypted unset (true); pass kmsKeyArn to use a customer managed key",
    ],
    [
      "a KMS alias instead of a key ARN",
      "EDGE_OSV_KMS_KEY",
      { kmsKeyArn: "alias/osv" },
      'EDGE_OSV_KMS_KEY at osv.image.kmsKeyArn: not a KMS key ARN; the vmimport role is granted that key only, so an alias or key id cannot be used (got "alias/osv"); fix: use arn:aws:kms:<region>:<account>:key/<key id>',
    ],
    [
      "gp3 for an image launched in a Wavelength Zone",
      "EDGE_ZONE_EBS_TYPE",
      { zones: ["us-east-1-wl1-bos-wlz-1"], rootVolumeType: "gp3" },
      'EDGE_ZONE_EBS_TYPE at osv.image.rootVolumeType: us-east-1-wl1-bos-wlz-1 does not offer EBS volume type gp3 (got "gp3"); fix: use gp2, which every zone kind offers, or leave rootVolumeType out to pick per zone',
    ],
  ])("rejects %s (%s)", (_name, code, props, message) => {
    expectRule(
      () =>
        new OsvImage(testStack({ site: "region-hub" }), "image", {
          ...IMAGE,
          ...props,
        } as OsvImageProps),
      code,
      message,
    );
  });
});

/** A fleet case: Auto Scaling props, or fixed hosts' props marked `fixed`. */
type FleetCase =
  Partial<OsvAutoScalingFleetProps> | (Partial<OsvFixedHostsProps> & { fixed: true });

function buildFleet(props: FleetCase) {
  const stack = testStack({ site: "region-hub" });
  if ("fixed" in props) {
    const { fixed: _fixed, ...rest } = props;
    return new OsvFixedHosts(stack, "app", { ...BASE, ...rest } as OsvFixedHostsProps);
  }
  return new OsvAutoScalingFleet(stack, "app", { ...BASE, ...props } as OsvAutoScalingFleetProps);
}

describe("OsvAutoScalingFleet and OsvFixedHosts rules", () => {
  it.each<[string, string, FleetCase, string]>([
    [
      "a Graviton (arm64) type",
      "EDGE_OSV_ARCH",
      { instanceType: "c7g.large" },
      'EDGE_OSV_ARCH at osv.instanceType: c7g.large is a Graviton (arm64) type, and OSv runs on EC2 only as x86_64: Graviton boots UEFI, which OSv on aarch64 does not support (osv#1295; EC2 user guide, boot modes) (got "c7g.large"); fix: use an x86_64 type such as c5.large, m5.large or t3.medium',
    ],
    [
      "a Graviton type among the mixed types",
      "EDGE_OSV_ARCH",
      { additionalInstanceTypes: ["m6g.large"] },
      'EDGE_OSV_ARCH at osv.additionalInstanceTypes[0]: m6g.large is a Graviton (arm64) type, and OSv runs on EC2 only as x86_64: Graviton boots UEFI, which OSv on aarch64 does not support (osv#1295; EC2 user guide, boot modes) (got "m6g.large"); fix: use an x86_64 type such as c5.large, m5.large or t3.medium',
    ],
    [
      "a malformed instance type",
      "EDGE_OSV_INSTANCE_TYPE",
      { instanceType: "large" },
      'EDGE_OSV_INSTANCE_TYPE at osv.instanceType: not an instance type name (got "large"); fix: use a type such as "c5.large"',
    ],
    [
      "a type the Wavelength Zone does not offer",
      "EDGE_ZONE_INSTANCE_TYPE",
      { subnets: WL_SUBNETS, instanceType: "c5.large" },
      'EDGE_ZONE_INSTANCE_TYPE at osv.instanceType: us-east-1-wl1-bos-wlz-1 does not offer c5.large (offers t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge) (got "c5.large"); fix: use one of t3.medium, t3.xlarge, r5.2xlarge, g4dn.2xlarge, or override the zone\'s instance types (allowedInstanceTypes or the catalog) with the source you read',
    ],
    [
      "a type the Local Zone does not offer",
      "EDGE_ZONE_INSTANCE_TYPE",
      { subnets: LZ_SUBNETS, instanceType: "c5.large" },
      'EDGE_ZONE_INSTANCE_TYPE at osv.instanceType: us-east-1-bos-1a does not offer c5.large (offers t3.medium, t3.xlarge, c5.2xlarge, m5.2xlarge, r5.2xlarge) (got "c5.large"); fix: use one of t3.medium, t3.xlarge, c5.2xlarge, m5.2xlarge, r5.2xlarge, or override the zone\'s instance types (allowedInstanceTypes or the catalog) with the source you read',
    ],
    [
      "a type the Outpost has no capacity for",
      "EDGE_OUTPOST_INSTANCE_TYPE",
      { subnets: OP_SUBNETS, outpost: OUTPOST, instanceType: "r5.large" },
      'EDGE_OUTPOST_INSTANCE_TYPE at osv.instanceType: the Outpost has no r5.large capacity: it offers only m5.xlarge, c5.2xlarge (got "r5.large"); fix: use one of m5.xlarge, c5.2xlarge, or order r5.large capacity and add it to the Outpost\'s instance types',
    ],
    [
      "gp3 in a Wavelength Zone",
      "EDGE_ZONE_EBS_TYPE",
      { subnets: WL_SUBNETS, instanceType: "t3.medium", rootVolumeType: "gp3" },
      'EDGE_ZONE_EBS_TYPE at osv.rootVolumeType: us-east-1-wl1-bos-wlz-1 does not offer EBS volume type gp3 (offers gp2) (got "gp3"); fix: use gp2',
    ],
    [
      "subnets of two zone kinds",
      "EDGE_OSV_ZONE_MIX",
      { subnets: [...AZ_SUBNETS, ...LZ_SUBNETS], instanceType: "t3.medium" },
      'EDGE_OSV_ZONE_MIX at osv.subnets: the subnets are in more than one kind of zone (availability zone, Local Zone), and one launch template cannot fit them all: network interfaces, volume types and instance types differ per zone kind (got ["us-east-1a","us-east-1b","us-east-1-bos-1a"]); fix: make one fleet per zone kind',
    ],
    [
      "Outpost subnets without the Outpost",
      "EDGE_OSV_OUTPOST",
      { subnets: OP_SUBNETS, instanceType: "m5.xlarge" },
      "EDGE_OSV_OUTPOST at osv.outpost: the subnets are on an Outpost, and the fleet needs the Outpost to check its instance types against the capacity it was ordered with (got nothing); fix: pass the Outpost construct from @edge/outposts (or { arn, instanceTypes })",
    ],
    [
      "another Outpost than the subnets'",
      "EDGE_OSV_OUTPOST",
      {
        subnets: OP_SUBNETS,
        instanceType: "m5.xlarge",
        outpost: { ...OUTPOST, arn: OUTPOST_ARN.replace("60001", "60002") },
      },
      'EDGE_OSV_OUTPOST at osv.outpost.arn: the subnets are on arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60001, not on this Outpost (got "arn:aws:outposts:us-east-1:111111111111:outpost/op-0f1e2d3c4b5a60002"); fix: pass the Outpost the subnets belong to',
    ],
    [
      "no subnets",
      "EDGE_OSV_SUBNETS",
      { subnets: [] },
      "EDGE_OSV_SUBNETS at osv.subnets: a fleet needs at least one subnet (got []); fix: pass the subnets the hosts launch in, e.g. hub.privateEdgeSubnets",
    ],
    [
      "a subnet outside the stack's region",
      "EDGE_ZONE_REGION",
      { subnets: [{ subnetId: "subnet-w", zone: "us-west-2a" }] },
      'EDGE_ZONE_REGION at osv.subnets[0].zone: zone belongs to us-west-2, not to the stack\'s region us-east-1 (got "us-west-2a"); fix: use a zone of us-east-1 or deploy this site to us-west-2',
    ],
    [
      "no security group",
      "EDGE_OSV_SECURITY_GROUPS",
      { securityGroupIds: [] },
      "EDGE_OSV_SECURITY_GROUPS at osv.securityGroupIds: a fleet needs at least one security group; without one, hosts get the VPC's default group (got []); fix: pass the security group that admits the application port from the sources the site declares",
    ],
    [
      "desired above max",
      "EDGE_OSV_ASG_SIZE",
      { minSize: 1, desiredCapacity: 5, maxSize: 3 },
      // The value written at the path printed, never the three sizes as one object.
      "EDGE_OSV_ASG_SIZE at osv.desiredCapacity: the group needs minSize <= desiredCapacity <= maxSize, and minSize 1, desiredCapacity 5, maxSize 3 are out of order (got 5); fix: give a desiredCapacity from 1 to 3, or raise maxSize to 5",
    ],
    [
      "min above max",
      "EDGE_OSV_ASG_SIZE",
      { minSize: 4, maxSize: 2 },
      "EDGE_OSV_ASG_SIZE at osv.minSize: the group needs minSize <= desiredCapacity <= maxSize, and minSize 4, desiredCapacity 4 (default), maxSize 2 are out of order (got 4); fix: give a minSize of at most 2, or raise maxSize to 4",
    ],
    [
      "a fractional size",
      "EDGE_OSV_ASG_SIZE",
      { maxSize: 2.5 },
      "EDGE_OSV_ASG_SIZE at osv.maxSize: maxSize must be a whole number of at least 1 (got 2.5); fix: give a whole number of instances of at least 1, such as 2",
    ],
    [
      "Spot without declaring the fleet interruptible",
      "EDGE_OSV_SPOT_NOT_INTERRUPTIBLE",
      { onDemandPercentageAboveBaseCapacity: 50, maxSize: 4 },
      "EDGE_OSV_SPOT_NOT_INTERRUPTIBLE at osv.onDemandPercentageAboveBaseCapacity: Spot Instances can be reclaimed by EC2 at any time, and this fleet is not declared interruptible (got 50); fix: set interruptible: true if the workload tolerates losing hosts, or keep onDemandPercentageAboveBaseCapacity at 100",
    ],
    [
      "a carrier IP outside Wavelength",
      "EDGE_OSV_CARRIER_ZONE",
      { associateCarrierIpAddress: true },
      "EDGE_OSV_CARRIER_ZONE at osv.associateCarrierIpAddress: carrier IPs exist only in Wavelength Zones, and this fleet is in an availability zone (got true); fix: remove associateCarrierIpAddress",
    ],
    [
      "fixed instances with carrier IPs",
      "EDGE_OSV_CARRIER_FIXED",
      { fixed: true, subnets: WL_SUBNETS, instanceType: "t3.medium" },
      "EDGE_OSV_CARRIER_FIXED at osv.associateCarrierIpAddress: a carrier IP is assigned through the launch template's network interface, which fixed instances placed by subnet cannot use (got nothing); fix: use OsvAutoScalingFleet (minSize = maxSize for a fixed count), or set associateCarrierIpAddress to false and attach carrier IPs from @edge/wavelength",
    ],
    [
      "host-level spread in the Region",
      "EDGE_PLACEMENT_HOST_SPREAD",
      { placementStrategy: "spread", spreadLevel: "host" },
      'EDGE_PLACEMENT_HOST_SPREAD at osv.spreadLevel: host-level spread placement groups exist only on Outposts, and this fleet is in an availability zone (got "host"); fix: use spreadLevel "rack", or place the fleet in Outpost subnets',
    ],
    [
      "more than 7 instances per zone in a rack spread group",
      "EDGE_PLACEMENT_RACK_LIMIT",
      { placementStrategy: "spread", maxSize: 16 },
      "EDGE_PLACEMENT_RACK_LIMIT at osv.maxSize: a rack-level spread placement group holds at most 7 running instances per availability zone, and this fleet plans up to 8 in one zone (got 16); fix: lower maxSize to 14 or use a partition placement group",
    ],
    [
      "more than 7 fixed instances on one Outpost in a rack spread group",
      "EDGE_PLACEMENT_RACK_LIMIT",
      {
        fixed: true,
        subnets: OP_SUBNETS,
        outpost: OUTPOST,
        instanceType: "m5.xlarge",
        instanceCount: 8,
        placementStrategy: "spread",
      },
      'EDGE_PLACEMENT_RACK_LIMIT at osv.instanceCount: a rack-level spread placement group holds at most 7 running instances per availability zone, and this fleet plans up to 8 in one zone (got 8); fix: lower instanceCount to 7, use spreadLevel "host" or use a partition placement group',
    ],
    [
      "a fractional minSize, reported once (desiredCapacity and maxSize default from it)",
      "EDGE_OSV_ASG_SIZE",
      { minSize: 1.5 },
      "EDGE_OSV_ASG_SIZE at osv.minSize: minSize must be a whole number of at least 0 (got 1.5); fix: give a whole number of instances, such as 1",
    ],
    [
      "a rack spread group whose size comes from minSize: the value written there",
      "EDGE_PLACEMENT_RACK_LIMIT",
      { placementStrategy: "spread", minSize: 16 },
      "EDGE_PLACEMENT_RACK_LIMIT at osv.minSize: a rack-level spread placement group holds at most 7 running instances per availability zone, and this fleet plans up to 8 in one zone (got 16); fix: lower minSize to 14 or use a partition placement group",
    ],
    [
      // CDK PlacementGroupSpreadLevel.RACK: "Each instance is launched on a separate rack".
      "more fixed instances in a rack spread group than the Outpost has racks",
      "EDGE_OUTPOST_SPREAD_RACKS",
      {
        fixed: true,
        subnets: OP_SUBNETS,
        outpost: { ...OUTPOST, racks: 2, configPath: "environments.dev.outpost" },
        instanceType: "m5.xlarge",
        instanceCount: 3,
        placementStrategy: "spread",
      },
      'EDGE_OUTPOST_SPREAD_RACKS at osv.instanceCount: a rack-level spread placement group puts each instance on a rack of its own, and the Outpost has 2 racks (environments.dev.outpost.racks), so at most 2 of 3 instances can run (got 3); fix: lower instanceCount to 2, use spreadLevel "host" to keep the hosts on distinct hosts, or set environments.dev.outpost.racks to the racks the Outpost really has',
    ],
    [
      "8 partitions",
      "EDGE_PLACEMENT_PARTITIONS",
      { placementStrategy: "partition", partitionCount: 8 },
      "EDGE_PLACEMENT_PARTITIONS at osv.partitionCount: a partition placement group has 1 to 7 partitions per availability zone (got 8); fix: give a partition count from 1 to 7",
    ],
    [
      "a cluster group across zones",
      "EDGE_PLACEMENT_CLUSTER_ZONES",
      { placementStrategy: "cluster" },
      'EDGE_PLACEMENT_CLUSTER_ZONES at osv.placementStrategy: a cluster placement group lives in one availability zone, and the subnets are in us-east-1a, us-east-1b (got "cluster"); fix: pass subnets of one zone, or use "partition" or "spread" across zones',
    ],
    [
      "a spread level without a spread group",
      "EDGE_PLACEMENT_OPTIONS",
      { spreadLevel: "rack" },
      'EDGE_PLACEMENT_OPTIONS at osv.spreadLevel: spreadLevel configures a placement group, and no placementStrategy is given (got "rack"); fix: set placementStrategy to "spread", or remove spreadLevel',
    ],
    [
      "both an existing group and a strategy",
      "EDGE_PLACEMENT_OPTIONS",
      { placementGroupName: "pg", placementStrategy: "spread" },
      'EDGE_PLACEMENT_OPTIONS at osv.placementGroupName: an existing placement group is named, and placement options would create another (got "pg"); fix: remove placementStrategy, partitionCount and spreadLevel, or remove placementGroupName',
    ],
    [
      "user-data mode without a reason",
      "EDGE_OSV_BOOT_MODE",
      { bootMode: "user-data", command: { program: "/app" } },
      'EDGE_OSV_BOOT_MODE at osv.imdsV1Reason: user-data mode turns IMDSv2 off (OSv\'s cloud-init reads user data without a session token), so it needs a reason of at least 10 characters (got nothing); fix: say why the image cannot be baked, or use bootMode "baked" and keep IMDSv2 required',
    ],
    [
      "user-data mode without a command",
      "EDGE_OSV_BOOT_MODE",
      { bootMode: "user-data", imdsV1Reason: "image predates baked command lines" },
      'EDGE_OSV_BOOT_MODE at osv.command: user-data mode renders the OSv command line from command, and none is given (got nothing); fix: give command, e.g. { program: "/app", args: ["--port=8080"] }',
    ],
    [
      "an IMDSv1 reason in baked mode",
      "EDGE_OSV_BOOT_MODE",
      { imdsV1Reason: "image predates baked command lines" },
      'EDGE_OSV_BOOT_MODE at osv.imdsV1Reason: baked mode keeps IMDSv2 required, so there is no IMDSv1 exception to explain (got "image predates baked command lines"); fix: remove imdsV1Reason, or set bootMode "user-data"',
    ],
    [
      "an AWS access key in an argument",
      "EDGE_OSV_USER_DATA_SECRET",
      { command: { program: "/app", args: [`--aws-key=${AWS_KEY}`] } },
      'EDGE_OSV_USER_DATA_SECRET at osv.command.args[0]: the value looks like an AWS access key id, and the OSv command line is readable by anyone who can describe the launch template or read the instance metadata (got "[redacted]"); fix: store the credential in Secrets Manager under the fleet\'s secret path and have the application read it with the instance role at start-up',
    ],
    [
      "a password assignment in a variable",
      "EDGE_OSV_USER_DATA_SECRET",
      { command: { program: "/app", env: { DB_URL: "postgres://app:hunter22@db/app" } } },
      'EDGE_OSV_USER_DATA_SECRET at osv.command.env.DB_URL: the value looks like a URL with a password, and the OSv command line is readable by anyone who can describe the launch template or read the instance metadata (got "[redacted]"); fix: store the credential in Secrets Manager under the fleet\'s secret path and have the application read it with the instance role at start-up',
    ],
    [
      "a variable named like a credential",
      "EDGE_OSV_USER_DATA_SECRET",
      { command: { program: "/app", env: { API_KEY: "k-1234567890" } } },
      'EDGE_OSV_USER_DATA_SECRET at osv.command.env.API_KEY: the value looks like a credential (the variable is named API_KEY), and the OSv command line is readable by anyone who can describe the launch template or read the instance metadata (got "[redacted]"); fix: store the credential in Secrets Manager under the fleet\'s secret path and have the application read it with the instance role at start-up',
    ],
    [
      "a private key",
      "EDGE_OSV_USER_DATA_SECRET",
      { command: { program: "/app", args: [PRIVATE_KEY] } },
      'EDGE_OSV_USER_DATA_SECRET at osv.command.args[0]: the value looks like a private key, and the OSv command line is readable by anyone who can describe the launch template or read the instance metadata (got "[redacted]"); fix: store the credential in Secrets Manager under the fleet\'s secret path and have the application read it with the instance role at start-up',
    ],
    [
      "a password= argument",
      "EDGE_OSV_USER_DATA_SECRET",
      { command: { program: "/app", args: ["--db-password=hunter22"] } },
      'EDGE_OSV_USER_DATA_SECRET at osv.command.args[0]: the value looks like a password or secret assignment, and the OSv command line is readable by anyone who can describe the launch template or read the instance metadata (got "[redacted]"); fix: store the credential in Secrets Manager under the fleet\'s secret path and have the application read it with the instance role at start-up',
    ],
    [
      "a command separator in an argument",
      "EDGE_OSV_COMMAND_LINE",
      { command: { program: "/app", args: ["--port=8080;/evil"] } },
      'EDGE_OSV_COMMAND_LINE at osv.command.args[0]: the argument contains a character OSv\'s command line treats specially (; & ! $ " \\ or a control character) (got "--port=8080;/evil"); fix: remove the character; OSv ends a command at ; & and !, and expands $NAME',
    ],
    [
      "a relative program",
      "EDGE_OSV_COMMAND_LINE",
      { command: { program: "app" } },
      'EDGE_OSV_COMMAND_LINE at osv.command.program: the program must be an absolute path in the image with no spaces (got "app"); fix: use the path the image runs, e.g. "/app" or "/hello.so"',
    ],
    [
      "a config bucket with a wildcard prefix",
      "EDGE_OSV_CONFIG_LOCATION",
      { configBucket: "edge-config", configPrefix: "*" },
      'EDGE_OSV_CONFIG_LOCATION at osv.configPrefix: the config prefix must be a non-empty key prefix without wildcards, so the hosts read that prefix only (got "*"); fix: use a prefix such as "osv/region-hub/prod/"',
    ],
    [
      "a secret path without a trailing slash",
      "EDGE_OSV_SECRET_PATH",
      { secretPathPrefix: "edge/app" },
      'EDGE_OSV_SECRET_PATH at osv.secretPathPrefix: the secret path must be a secret name prefix ending with /, without wildcards, so the grant covers that path only (got "edge/app"); fix: use a path such as "edge/region-hub/prod/osv/"',
    ],
    [
      "an AWS/ metric namespace",
      "EDGE_OSV_METRIC_NAMESPACE",
      { metricNamespace: "AWS/EC2" },
      'EDGE_OSV_METRIC_NAMESPACE at osv.metricNamespace: not a CloudWatch namespace the hosts may publish to (1-255 characters; AWS/ is reserved for AWS services) (got "AWS/EC2"); fix: use a namespace of your own, e.g. "Edge/OSv/app"',
    ],
    [
      "a CPU threshold above 100",
      "EDGE_CONFIG_VALUE",
      { cpuAlarmThresholdPercent: 120 },
      "EDGE_CONFIG_VALUE at osv.cpuAlarmThresholdPercent: the CPU threshold is a percentage above 0 and at most 100 (got 120); fix: give a percentage such as 80",
    ],
  ])("rejects %s (%s)", (_name, code, props, message) => {
    expectRule(() => buildFleet(props), code, message);
  });
});

describe("OsvHostSecurityGroup rules", () => {
  it.each<[string, string, Partial<OsvHostSecurityGroupProps>, string]>([
    [
      "no source for the application port",
      "EDGE_OSV_APP_SOURCES",
      { vpcId: "vpc-1", appPort: 8080 },
      "EDGE_OSV_APP_SOURCES at osv.securityGroup.appSourceCidrs: no source may reach the application port (got []); fix: list the sources the site declares: a load balancer's security group, its subnets, or the carrier network",
    ],
  ])("rejects %s (%s)", (_name, code, props, message) => {
    expectRule(
      () =>
        new OsvHostSecurityGroup(
          testStack({ site: "region-hub" }),
          "hosts",
          props as OsvHostSecurityGroupProps,
        ),
      code,
      message,
    );
  });
});
