import { Ami } from "@cdktf/provider-aws/lib/ami";
import { EbsSnapshotImport } from "@cdktf/provider-aws/lib/ebs-snapshot-import";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ConfigCheck, EdgeStack, type Zone, type ZoneCatalog, validateFor } from "@edge/core";
import { Construct } from "constructs";
import { vmImportPolicy, vmImportTrustPolicy } from "./private/iam-documents";
import { validateOsvImageProps, type ImportSettings } from "./private/validate-image";

export { OSV_DISK_FORMATS } from "./private/validate-image";

/** A disk format `aws_ebs_snapshot_import` accepts (upper case; the provider compares case-sensitively). */
export type OsvDiskFormat = "RAW" | "VHD" | "VMDK";

/** An OSv machine image that hosts can launch from. */
export interface IOsvImage {
  /** The AMI id (a token when the image is built by the stack). */
  readonly imageId: string;
  /**
   * Whether the AMI is known to be registered with ENA support: true for images this library
   * registers, undefined for an existing AMI (checked at plan time where it matters).
   */
  readonly enaSupport?: boolean;
}

/** Props of {@link OsvImage}: exactly one of an S3 image (`s3Bucket` + `s3Key`) or `amiId`. */
export interface OsvImageProps {
  /** Bucket holding the converted OSv disk image. @default - none: give `amiId` instead */
  readonly s3Bucket?: string;
  /** Key of the image object, e.g. `osv/app/usr.raw`. @default - none: give `amiId` instead */
  readonly s3Key?: string;
  /**
   * Disk format of the object: `RAW`, `VHD` or `VMDK`, upper case. OSv builds qcow2 images,
   * which are not accepted: convert with `qemu-img convert -O raw usr.img usr.raw` first.
   * @default "RAW"
   */
  readonly format?: string;
  /** An existing OSv AMI to use instead of importing one. @default - none: import from S3 */
  readonly amiId?: string;
  /** Encrypt the imported snapshot. Only true is accepted. @default true */
  readonly encrypted?: boolean;
  /** KMS key ARN for the snapshot. @default - the account's default EBS key */
  readonly kmsKeyArn?: string;
  /**
   * Zones the image will be launched in; the root volume type is one they all offer (gp3, or
   * gp2 where a zone lacks gp3, as in Wavelength Zones). Launch templates set the type for
   * their zone anyway; this sets the AMI's default.
   * @default - the Region's availability zones (gp3)
   */
  readonly zones?: readonly string[];
  /** Root volume type registered in the AMI. @default - from the zone catalog for `zones` */
  readonly rootVolumeType?: string;
  /** Root volume size in GiB. @default - the imported snapshot's size */
  readonly rootVolumeSizeGiB?: number;
  /** AMI name. @default `stack.physicalName(id)` */
  readonly name?: string;
  /** AMI and snapshot description. @default "OSv unikernel image <bucket>/<key>" */
  readonly description?: string;
  /** Name of the VM Import service role this construct creates. @default `stack.physicalName(id, "vmimport")` */
  readonly vmImportRoleName?: string;
  /** Config path of these props, for errors. @default "osv.image" */
  readonly configPath?: string;
}

/** The root device OSv images boot from (OSv's scripts/ec2-make-ami.py registers xvda). */
export const OSV_ROOT_DEVICE = "/dev/xvda";

/**
 * An OSv AMI. From an S3 image: a `vmimport` service role that trusts `vmie.amazonaws.com` with
 * `sts:ExternalId = vmimport` and reads only that object, an encrypted `aws_ebs_snapshot_import`,
 * and an `aws_ami` registered as OSv needs it (hvm, x86_64, ENA, root device `/dev/xvda`,
 * legacy-bios, gp2/gp3 per zone). With `amiId`, the existing AMI is used and nothing is created.
 */
export class OsvImage extends Construct implements IOsvImage {
  readonly imageId: string;
  readonly enaSupport?: boolean;
  /** The registered AMI (undefined for an existing AMI). */
  readonly ami?: Ami;
  readonly snapshotImport?: EbsSnapshotImport;
  readonly vmImportRole?: IamRole;
  /** Root volume type registered in the AMI (undefined for an existing AMI). */
  readonly rootVolumeType?: string;

  constructor(scope: Construct, id: string, props: OsvImageProps) {
    super(scope, id);
    const stack = EdgeStack.of(this);
    const path = props.configPath ?? "osv.image";
    const settings = validateFor(this, () => validateOsvImageProps(props, { region: stack.environment.region, path }));
    if (settings.kind === "existing") {
      this.imageId = settings.amiId;
      return;
    }
    const volumeType = rootVolumeTypeFor(stack.catalog, settings, props.rootVolumeType, path);
    this.rootVolumeType = volumeType;
    const description =
      props.description ?? `OSv unikernel image ${settings.bucket}/${settings.key}`;
    const env = stack.environment;

    this.vmImportRole = new IamRole(this, "vmimport-role", {
      name: props.vmImportRoleName ?? stack.physicalName(id, "vmimport"),
      description:
        "VM Import/Export service role: reads the OSv disk image for the snapshot import",
      assumeRolePolicy: JSON.stringify(vmImportTrustPolicy({ account: env.account, region: env.region })),
    });
    const policy = new IamRolePolicy(this, "vmimport-policy", {
      name: "import-osv-image",
      role: this.vmImportRole.id,
      policy: JSON.stringify(
        vmImportPolicy({
          bucket: settings.bucket,
          key: settings.key,
          region: env.region,
          kmsKeyArn: props.kmsKeyArn,
        }),
      ),
    });

    this.snapshotImport = new EbsSnapshotImport(this, "snapshot-import", {
      description,
      diskContainer: {
        format: settings.format,
        description,
        userBucket: { s3Bucket: settings.bucket, s3Key: settings.key },
      },
      roleName: this.vmImportRole.name,
      // Encrypted by default: every volume launched from the AMI inherits it (EC2 API
      // ImportSnapshot: the default EBS key unless KmsKeyId is given).
      encrypted: true,
      ...(props.kmsKeyArn !== undefined ? { kmsKeyId: props.kmsKeyArn } : {}),
      // The import starts only once the role can read the image (the provider also retries
      // while IAM propagates).
      dependsOn: [policy],
      timeouts: { create: "60m" },
      tags: { Name: stack.physicalName(id) },
    });

    this.ami = new Ami(this, "ami", {
      name: props.name ?? stack.physicalName(id),
      description,
      // OSv on EC2 (cloudius-systems/osv scripts/ec2-make-ami.py): hvm, x86_64, root device xvda.
      // The provider's old default virtualization type was paravirtual, so it is always set.
      virtualizationType: "hvm",
      architecture: "x86_64",
      rootDeviceName: OSV_ROOT_DEVICE,
      // Nitro types refuse to launch AMIs without ENA (EC2 UG, enhanced networking).
      enaSupport: true,
      // OSv boots from a BIOS boot sector and has no UEFI support on x86_64; this is also the
      // default for Intel and AMD types (EC2 UG, boot modes). imds_support is deliberately not
      // set to v2.0: OSv's cloud-init reads user data without a session token.
      bootMode: "legacy-bios",
      ebsBlockDevice: [
        {
          deviceName: OSV_ROOT_DEVICE,
          snapshotId: this.snapshotImport.id,
          volumeType,
          volumeSize: props.rootVolumeSizeGiB ?? this.snapshotImport.volumeSize,
          deleteOnTermination: true,
        },
      ],
      tags: { Name: props.name ?? stack.physicalName(id) },
    });
    this.imageId = this.ami.id;
    this.enaSupport = true;
  }
}

/**
 * The AMI's root volume type: the one given (checked against every zone), else gp3 when every
 * zone offers it, else gp2 (Wavelength Zones and Local Zones without gp3, per the catalog).
 */
function rootVolumeTypeFor(
  catalog: ZoneCatalog,
  settings: ImportSettings,
  given: string | undefined,
  path: string,
): string {
  const zones: readonly Pick<Zone, "kind" | "name">[] =
    settings.zones.length > 0 ? settings.zones : [{ kind: "availability-zone", name: "" }];
  const offered = (type: string) =>
    zones.filter((z) => !catalog.factsFor(z).ebsVolumeTypes.value.includes(type));
  const check = new ConfigCheck();
  if (given !== undefined) {
    const lacking = offered(given);
    check.expect(lacking.length === 0, {
      code: "EDGE_ZONE_EBS_TYPE",
      path: `${path}.rootVolumeType`,
      value: given,
      problem: `${lacking.map((z) => z.name).join(", ")} ${lacking.length === 1 ? "does" : "do"} not offer EBS volume type ${given}`,
      fix: "use gp2, which every zone kind offers, or leave rootVolumeType out to pick per zone",
    });
    check.throwIfFailed();
    return given;
  }
  return offered("gp3").length === 0 ? "gp3" : "gp2";
}
