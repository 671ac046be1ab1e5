/**
 * The facts this library enforces, each with where it was read. Messages and the README cite
 * these; a fact whose source is secondary or unverified says so.
 */
export const SOURCES = {
  /** EC2 `SnapshotDiskContainer.Format`: "VHD | VMDK | RAW"; the provider matches the SDK enum case-sensitively. */
  diskFormats:
    "EC2 API SnapshotDiskContainer (Format: VHD | VMDK | RAW); terraform-provider-aws aws_ebs_snapshot_import (validated against the SDK enum, case-sensitive)",
  /** OSv's own AWS script converts its qcow2 image to raw before uploading it. */
  qemuImgRaw:
    "cloudius-systems/osv scripts/deploy_to_aws.sh (qemu-img convert -O raw build/release/usr.img build/release/usr.raw)",
  /** Provider: `disk_container` takes exactly one of `url` and `user_bucket`. */
  exactlyOneSource:
    "terraform-provider-aws aws_ebs_snapshot_import disk_container (url / user_bucket: ExactlyOneOf)",
  /** The service role: `vmimport` by default, trusting vmie.amazonaws.com with the external id vmimport. */
  vmimportRole:
    "VM Import/Export User Guide, Required permissions (service role vmimport trusting vmie.amazonaws.com, sts:Externalid = vmimport; S3 read on the import bucket); EC2 API ImportSnapshot RoleName (\"The name of the role to use when not using the default role, 'vmimport'\")",
  /** ImportSnapshot `Encrypted`: the account's default EBS key unless KmsKeyId is given. */
  importEncryption:
    'EC2 API ImportSnapshot (Encrypted: "The default KMS key for EBS is used unless you specify a non-default KMS key using KmsKeyId")',
  /** Boot mode defaults and Graviton. */
  bootModes:
    "Amazon EC2 UG, Boot modes (with no boot mode set, Intel and AMD types boot legacy-bios, Graviton types boot uefi); cloudius-systems/osv issue #1295 (aarch64 on EC2 Graviton needs UEFI/ACPI support OSv lacks)",
  /** ENA on Nitro. */
  enaNitro:
    "Amazon EC2 UG, Enhanced networking with ENA (required for Nitro instance types); launch error InvalidParameterCombination \"Enhanced networking with the Elastic Network Adapter (ENA) is required for the 't3.micro' instance type\" (nanovms/ops #1124)",
  /** OSv's cloud-init reads user data with a plain GET and no IMDSv2 session token. */
  osvImdsV1:
    'cloudius-systems/osv modules/cloud-init/data-source.cc (ec2 data source: c.get("169.254.169.254", "/latest/user-data"), no X-aws-ec2-metadata-token header)',
  /** OSv command line syntax: loader options, then the application. */
  osvCommandLine:
    "cloudius-systems/osv core/commands.cc (loader_parse_cmdline: \"--env=AA=aa --env=BB=bb1\\ bb2 app.so arg1 arg2\"; ';', '&' and '!' separate commands; '$' expands environment variables)",
  /** OSv cloud-init "run" module: OSv REST API requests in YAML. */
  osvCloudInit:
    "cloudius-systems/osv modules/cloud-init (cloud-init.hh: the \"run\" module turns '- PUT: <path>' entries into REST calls), modules/httpserver-api/api/env.cc (PUT /env/{var} with val) and app.cc (PUT /app with command)",
  /** Bake the command line into the image. */
  osvSetArgs: "cloudius-systems/osv scripts/imgedit.py (setargs <image> <command line>)",
  /** Wavelength: carrier IPs through the launch template network interface. */
  carrierIp:
    'terraform-provider-aws aws_launch_template network_interfaces.associate_carrier_ip_address ("Use this option when you launch an instance in a Wavelength Zone"); Amazon VPC UG, Carrier gateways',
  /** Outposts: customer-owned IPs come from the subnet. */
  coip: 'terraform-provider-aws aws_subnet map_customer_owned_ip_on_launch ("customer_owned_ipv4_pool and outpost_arn must be specified when true"); AWS Outposts UG, customer-owned IP addresses',
  /** Placement groups. */
  placement:
    'Amazon EC2 UG, Placement groups (a cluster group is in one Availability Zone; up to seven partitions per Availability Zone; rack spread: seven running instances per Availability Zone per group); EC2 API PlacementGroup.SpreadLevel ("Only Outpost placement groups can be spread across hosts")',
  /** Recovery alarms. */
  recover:
    "Amazon CloudWatch UG, Using alarm actions: recover action arn:aws:automate:<region>:ec2:recover on StatusCheckFailed_System (Maximum, 60 s, 2 periods, >= 1)",
  /** Instance IDs of ASG members change: recovery belongs to the group's health checks. */
  recoverAsg:
    "Amazon EC2 Auto Scaling UG, Health checks (the group replaces unhealthy instances); per-instance alarms name an InstanceId that the group replaces",
  /** Spot. */
  spot: 'Amazon EC2 UG, Spot Instances ("Spot Instances are a cost-effective choice if you can be flexible about when your applications run and if your applications can be interrupted")',
  /** PutMetricData has no resource-level permissions; the namespace condition key limits it. */
  putMetricData:
    "Service Authorization Reference, Amazon CloudWatch (PutMetricData: no resource types; condition key cloudwatch:namespace)",
  /** Secrets Manager secret ARNs end in a six-character suffix. */
  secretArn:
    "AWS Secrets Manager UG, Permissions policy examples (secret ARNs end with a hyphen and six random characters; match them with a trailing wildcard)",
  /** CloudWatch alarms and encrypted SNS topics. */
  snsKms:
    "Amazon SNS DG, Key management (encrypted topics: CloudWatch needs kms:Decrypt and kms:GenerateDataKey* on a customer managed key; the AWS managed key's policy cannot grant it)",
  /** data.aws_ami filtered by image id is a safe lookup. */
  amiLookup:
    "terraform-provider-aws data aws_ami (filter image-id; no most_recent, so no third-party image can be returned)",
  /** Outposts EBS volume types: not confirmed in a primary source. */
  outpostEbs:
    "unverified: Outposts racks are documented with gp2 EBS volumes; gp2 is used as the conservative default on an Outpost",
} as const;
