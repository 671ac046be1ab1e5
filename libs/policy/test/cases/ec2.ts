import { Ami } from "@cdktf/provider-aws/lib/ami";
import { AmiCopy } from "@cdktf/provider-aws/lib/ami-copy";
import { EbsSnapshotImport } from "@cdktf/provider-aws/lib/ebs-snapshot-import";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Instance } from "@cdktf/provider-aws/lib/instance";
import { LaunchConfiguration } from "@cdktf/provider-aws/lib/launch-configuration";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { TerraformVariable } from "cdktf";
import { b64, type RuleCase } from "../helpers";

const ami = "ami-0123456789abcdef0";
const instanceType = "t3.medium";

export const ec2Cases: RuleCase[] = [
  // EDGE-EC2-1 IMDSv2
  {
    rule: "EDGE-EC2-1",
    name: "launch template requiring tokens",
    expect: "compliant",
    build: (s) => new LaunchTemplate(s, "lt", { metadataOptions: { httpTokens: "required" } }),
  },
  {
    rule: "EDGE-EC2-1",
    name: "instance with the metadata endpoint disabled",
    expect: "compliant",
    build: (s) =>
      new Instance(s, "i", { ami, instanceType, metadataOptions: { httpEndpoint: "disabled" } }),
  },
  {
    rule: "EDGE-EC2-1",
    name: "launch template without metadata options",
    expect: "non-compliant",
    reason: /metadata_options is not set/,
    build: (s) => new LaunchTemplate(s, "lt", {}),
  },
  {
    rule: "EDGE-EC2-1",
    name: "instance with optional tokens",
    expect: "non-compliant",
    reason: /http_tokens is "optional"/,
    build: (s) =>
      new Instance(s, "i", { ami, instanceType, metadataOptions: { httpTokens: "optional" } }),
  },
  {
    rule: "EDGE-EC2-1",
    name: "launch configuration without metadata options",
    expect: "non-compliant",
    build: (s) => new LaunchConfiguration(s, "lc", { imageId: ami, instanceType }),
  },
  {
    rule: "EDGE-EC2-1",
    name: "tokens from a variable",
    expect: "not-applicable",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        metadataOptions: {
          httpTokens: new TerraformVariable(s, "tokens", { type: "string" }).stringValue,
        },
      }),
  },
  // EDGE-EC2-2 hop limit
  {
    rule: "EDGE-EC2-2",
    name: "hop limit 1",
    expect: "compliant",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
      }),
  },
  {
    rule: "EDGE-EC2-2",
    name: "hop limit 2 (containers)",
    expect: "non-compliant",
    reason: /hop_limit is 2/,
    build: (s) =>
      new Instance(s, "i", { ami, instanceType, metadataOptions: { httpPutResponseHopLimit: 2 } }),
  },
  {
    rule: "EDGE-EC2-2",
    name: "hop limit left to the AMI default",
    expect: "non-compliant",
    reason: /not set/,
    build: (s) => new LaunchTemplate(s, "lt", { metadataOptions: { httpTokens: "required" } }),
  },
  {
    rule: "EDGE-EC2-2",
    name: "hop limit from a variable",
    expect: "not-applicable",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        metadataOptions: {
          httpPutResponseHopLimit: new TerraformVariable(s, "hops", { type: "number" }).numberValue,
        },
      }),
  },
  // EDGE-EC2-3 volumes declared at launch
  {
    rule: "EDGE-EC2-3",
    name: "instance with encrypted root and data volumes",
    expect: "compliant",
    build: (s) =>
      new Instance(s, "i", {
        ami,
        instanceType,
        rootBlockDevice: { encrypted: true },
        ebsBlockDevice: [{ deviceName: "/dev/sdb", encrypted: true }],
      }),
  },
  {
    rule: "EDGE-EC2-3",
    name: "launch template with an encrypted mapping",
    expect: "compliant",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        blockDeviceMappings: [
          { deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3" } },
        ],
      }),
  },
  {
    rule: "EDGE-EC2-3",
    name: "instance with an unencrypted data volume",
    expect: "non-compliant",
    reason: /ebs_block_device\[0\] not encrypted/,
    build: (s) =>
      new Instance(s, "i", {
        ami,
        instanceType,
        rootBlockDevice: { encrypted: true },
        ebsBlockDevice: [{ deviceName: "/dev/sdb", encrypted: false }],
      }),
  },
  {
    rule: "EDGE-EC2-3",
    name: "launch template mapping without encryption",
    expect: "non-compliant",
    reason: /block_device_mappings\[0\]/,
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: 8 } }],
      }),
  },
  // EDGE-EC2-4 EBS volumes
  {
    rule: "EDGE-EC2-4",
    name: "encrypted volume",
    expect: "compliant",
    build: (s) =>
      new EbsVolume(s, "v", { availabilityZone: "us-east-1a", size: 8, encrypted: true }),
  },
  {
    rule: "EDGE-EC2-4",
    name: "volume without encryption",
    expect: "non-compliant",
    reason: /encrypted is not set/,
    build: (s) => new EbsVolume(s, "v", { availabilityZone: "us-east-1a", size: 8 }),
  },
  // EDGE-EC2-5 snapshot import
  {
    rule: "EDGE-EC2-5",
    name: "encrypted OSv image import",
    expect: "compliant",
    build: (s) =>
      new EbsSnapshotImport(s, "osv", {
        encrypted: true,
        diskContainer: { format: "RAW", userBucket: { s3Bucket: "images", s3Key: "osv.raw" } },
      }),
  },
  {
    rule: "EDGE-EC2-5",
    name: "unencrypted OSv image import",
    expect: "non-compliant",
    build: (s) =>
      new EbsSnapshotImport(s, "osv", {
        diskContainer: { format: "RAW", userBucket: { s3Bucket: "images", s3Key: "osv.raw" } },
      }),
  },
  // EDGE-EC2-6 AMIs
  {
    rule: "EDGE-EC2-6",
    name: "AMI from a snapshot (inherits its encryption)",
    expect: "compliant",
    build: (s) =>
      new Ami(s, "ami", {
        name: "osv",
        rootDeviceName: "/dev/xvda",
        ebsBlockDevice: [{ deviceName: "/dev/xvda", snapshotId: "snap-0123456789abcdef0" }],
      }),
  },
  {
    rule: "EDGE-EC2-6",
    name: "encrypted AMI copy",
    expect: "compliant",
    build: (s) =>
      new AmiCopy(s, "copy", {
        name: "osv",
        sourceAmiId: ami,
        sourceAmiRegion: "us-east-1",
        encrypted: true,
      }),
  },
  {
    rule: "EDGE-EC2-6",
    name: "AMI with an unencrypted empty volume",
    expect: "non-compliant",
    reason: /ebs_block_device\[0\]/,
    build: (s) =>
      new Ami(s, "ami", {
        name: "osv",
        rootDeviceName: "/dev/xvda",
        ebsBlockDevice: [{ deviceName: "/dev/xvdb", volumeSize: 8 }],
      }),
  },
  {
    rule: "EDGE-EC2-6",
    name: "unencrypted AMI copy",
    expect: "non-compliant",
    build: (s) =>
      new AmiCopy(s, "copy", { name: "osv", sourceAmiId: ami, sourceAmiRegion: "us-east-1" }),
  },
  // EDGE-EC2-7 detailed monitoring
  {
    rule: "EDGE-EC2-7",
    name: "instance with detailed monitoring",
    expect: "compliant",
    build: (s) => new Instance(s, "i", { ami, instanceType, monitoring: true }),
  },
  {
    rule: "EDGE-EC2-7",
    name: "launch template with monitoring",
    expect: "compliant",
    build: (s) => new LaunchTemplate(s, "lt", { monitoring: { enabled: true } }),
  },
  {
    rule: "EDGE-EC2-7",
    name: "instance with basic monitoring",
    expect: "non-compliant",
    build: (s) => new Instance(s, "i", { ami, instanceType }),
  },
  {
    rule: "EDGE-EC2-7",
    name: "launch template without monitoring",
    expect: "non-compliant",
    build: (s) => new LaunchTemplate(s, "lt", {}),
  },
  // EDGE-EC2-8 public IP at launch
  {
    rule: "EDGE-EC2-8",
    name: "instance without a public IP",
    expect: "compliant",
    build: (s) => new Instance(s, "i", { ami, instanceType, associatePublicIpAddress: false }),
  },
  {
    rule: "EDGE-EC2-8",
    name: "Wavelength launch template with a carrier IP (by design)",
    expect: "compliant",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        networkInterfaces: [{ associateCarrierIpAddress: "true", deviceIndex: 0 }],
      }),
  },
  {
    rule: "EDGE-EC2-8",
    name: "instance with a public IP",
    expect: "non-compliant",
    reason: /associate_public_ip_address is true/,
    build: (s) => new Instance(s, "i", { ami, instanceType, associatePublicIpAddress: true }),
  },
  {
    rule: "EDGE-EC2-8",
    name: "launch template interface with a public IP",
    expect: "non-compliant",
    reason: /network_interfaces\[0\]/,
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        networkInterfaces: [{ associatePublicIpAddress: "true", deviceIndex: 0 }],
      }),
  },
  // EDGE-EC2-9 secrets in user data
  {
    rule: "EDGE-EC2-9",
    name: "user data reading a secret at boot",
    expect: "compliant",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        userData: b64(
          '#!/bin/sh\npassword="$(aws secretsmanager get-secret-value --secret-id db)"\n',
        ),
      }),
  },
  {
    rule: "EDGE-EC2-9",
    name: "user data with a variable reference",
    expect: "compliant",
    build: (s) =>
      new Instance(s, "i", {
        ami,
        instanceType,
        userData: "#!/bin/sh\nexport DB_PASSWORD=$DB_PASSWORD\n",
      }),
  },
  {
    rule: "EDGE-EC2-9",
    name: "AWS access key in user data",
    expect: "non-compliant",
    reason: /AWS access key id on line 2 of user_data/,
    build: (s) =>
      new Instance(s, "i", {
        ami,
        instanceType,
        userData: "#!/bin/sh\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
      }),
  },
  {
    rule: "EDGE-EC2-9",
    name: "private key in launch template user data",
    expect: "non-compliant",
    reason: /private key/,
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        userData: b64("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n"),
      }),
  },
  {
    rule: "EDGE-EC2-9",
    name: "literal password in user data",
    expect: "non-compliant",
    reason: /password or secret assignment/,
    build: (s) =>
      new Instance(s, "i", {
        ami,
        instanceType,
        userDataBase64: b64("db_password=hunter2hunter2\n"),
      }),
  },
  {
    rule: "EDGE-EC2-9",
    name: "user data built at apply time",
    expect: "not-applicable",
    build: (s) =>
      new LaunchTemplate(s, "lt", {
        userData: new TerraformVariable(s, "user-data", { type: "string" }).stringValue,
      }),
  },
];
