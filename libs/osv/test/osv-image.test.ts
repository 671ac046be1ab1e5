import { FIXTURE_ENVIRONMENTS, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { OsvImage, type OsvImageProps } from "../src";

const base: OsvImageProps = { s3Bucket: "osv-images", s3Key: "app/usr.raw" };

function synthImage(props: Partial<OsvImageProps> = {}) {
  const stack = testStack({ site: "region-hub" });
  const image = new OsvImage(stack, "image", { ...base, ...props } as OsvImageProps);
  return { json: synthJson(stack), image };
}

const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;
type Statement = {
  Sid?: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
};
const actionsOf = (statements: Statement[]) =>
  statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));

describe("OsvImage from S3", () => {
  const { json, image } = synthImage();

  // VM Import/Export User Guide, "Required service role"
  // (https://docs.aws.amazon.com/vm-import/latest/userguide/required-permissions.html#vmimport-role):
  // the trust policy lets vmie.amazonaws.com assume the role with "sts:Externalid": "vmimport", and
  // "For additional security controls, context keys such as aws:SourceAccount and aws:SourceArn can
  // be added to the trust policy ... VM Import/Export will publish the SourceAccount and SourceArn
  // keys as specified in the example below" ("aws:SourceAccount": "111122223333", ArnLike
  // "aws:SourceArn": "arn:aws:vmie:*:111122223333:*"): only imports of the stack's own account.
  it("creates the vmimport service role trusting vmie.amazonaws.com with the external id vmimport, for this account only", () => {
    const role = resourcesOf(json, "aws_iam_role")["image_vmimport-role"];
    const account = FIXTURE_ENVIRONMENTS.dev.account;
    expect(role.name).toBe("region-hub-dev-image-vmimport");
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: "vmie.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "sts:ExternalId": "vmimport", "aws:SourceAccount": account },
            ArnLike: { "aws:SourceArn": `arn:aws:vmie:*:${account}:*` },
          },
        },
      ],
    });
  });

  it("lets the role read that one image object only, with no * action", () => {
    const policy = JSON.parse(
      resourcesOf(json, "aws_iam_role_policy")["image_vmimport-policy"].policy,
    );
    expect(policy.Statement).toEqual([
      {
        Sid: "LocateImageBucket",
        Effect: "Allow",
        Action: ["s3:GetBucketLocation", "s3:ListBucket"],
        Resource: "arn:aws:s3:::osv-images",
      },
      {
        Sid: "ReadImage",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: "arn:aws:s3:::osv-images/app/usr.raw",
      },
      {
        Sid: "HandleImportedSnapshot",
        Effect: "Allow",
        Action: ["ec2:CopySnapshot", "ec2:ModifySnapshotAttribute"],
        Resource: "arn:aws:ec2:us-east-1::snapshot/*",
      },
      {
        Sid: "DescribeImport",
        Effect: "Allow",
        Action: ["ec2:DescribeImportSnapshotTasks", "ec2:DescribeSnapshots"],
        Resource: "*",
      },
    ]);
    expect(actionsOf(policy.Statement).filter((a) => a.includes("*"))).toEqual([]);
    // Only describe calls (no resource-level permissions) run on "*".
    const unscoped = policy.Statement.filter((s: Statement) => s.Resource === "*");
    expect(actionsOf(unscoped).every((a) => a.startsWith("ec2:Describe"))).toBe(true);
  });

  it("imports the raw image as an encrypted snapshot through that role, once its policy exists", () => {
    expect(resourcesOf(json, "aws_ebs_snapshot_import")["image_snapshot-import"]).toEqual({
      description: "OSv unikernel image osv-images/app/usr.raw",
      disk_container: {
        format: "RAW",
        description: "OSv unikernel image osv-images/app/usr.raw",
        user_bucket: { s3_bucket: "osv-images", s3_key: "app/usr.raw" },
      },
      role_name: ref("aws_iam_role", "image_vmimport-role", "name"),
      encrypted: true,
      depends_on: ["aws_iam_role_policy.image_vmimport-policy"],
      timeouts: { create: "60m" },
      tags: { Name: "region-hub-dev-image" },
    });
  });

  it("registers an hvm x86_64 AMI with ENA, root device /dev/xvda, legacy-bios and gp3 in the Region", () => {
    expect(resourcesOf(json, "aws_ami").image_ami).toEqual({
      name: "region-hub-dev-image",
      description: "OSv unikernel image osv-images/app/usr.raw",
      virtualization_type: "hvm",
      architecture: "x86_64",
      root_device_name: "/dev/xvda",
      ena_support: true,
      boot_mode: "legacy-bios",
      ebs_block_device: [
        {
          device_name: "/dev/xvda",
          snapshot_id: ref("aws_ebs_snapshot_import", "image_snapshot-import"),
          volume_type: "gp3",
          volume_size: ref("aws_ebs_snapshot_import", "image_snapshot-import", "volume_size"),
          delete_on_termination: true,
        },
      ],
      tags: { Name: "region-hub-dev-image" },
    });
    expect(resourcesOf(json, "aws_ami").image_ami.imds_support).toBeUndefined();
  });

  it("exposes the AMI id and its ENA support to fleets", () => {
    expect(image.enaSupport).toBe(true);
    expect(image.rootVolumeType).toBe("gp3");
  });
});

describe("OsvImage options", () => {
  it("registers gp2 when a zone the image is launched in lacks gp3 (Wavelength)", () => {
    const { json, image } = synthImage({ zones: ["us-east-1a", "us-east-1-wl1-bos-wlz-1"] });
    expect(resourcesOf(json, "aws_ami").image_ami.ebs_block_device[0].volume_type).toBe("gp2");
    expect(image.rootVolumeType).toBe("gp2");
  });

  it("takes VHD and VMDK, a customer managed key (granted to the role, that key only) and a fixed size", () => {
    const key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { json } = synthImage({ format: "VMDK", kmsKeyArn: key, rootVolumeSizeGiB: 2 });
    const imp = resourcesOf(json, "aws_ebs_snapshot_import")["image_snapshot-import"];
    expect(imp.disk_container.format).toBe("VMDK");
    expect(imp.kms_key_id).toBe(key);
    expect(imp.encrypted).toBe(true);
    expect(resourcesOf(json, "aws_ami").image_ami.ebs_block_device[0].volume_size).toBe(2);
    const policy = JSON.parse(
      resourcesOf(json, "aws_iam_role_policy")["image_vmimport-policy"].policy,
    );
    expect(policy.Statement.at(-1)).toEqual({
      Sid: "UseSnapshotKey",
      Effect: "Allow",
      Action: [
        "kms:CreateGrant",
        "kms:Decrypt",
        "kms:DescribeKey",
        "kms:Encrypt",
        "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext",
        "kms:ReEncryptFrom",
        "kms:ReEncryptTo",
      ],
      Resource: key,
    });
  });

  it("gets the permissions boundary of a production environment on the vmimport role", () => {
    const stack = testStack({ site: "region-hub", env: "prod" });
    new OsvImage(stack, "image", base);
    const role = resourcesOf(synthJson(stack), "aws_iam_role")["image_vmimport-role"];
    expect(role.permissions_boundary).toBe(
      "arn:aws:iam::333333333333:policy/edge-blueprints-boundary",
    );
  });

  it("uses an existing AMI and creates nothing", () => {
    const { json, image } = synthImage({
      s3Bucket: undefined,
      s3Key: undefined,
      amiId: "ami-0123456789abcdef0",
    });
    expect(image.imageId).toBe("ami-0123456789abcdef0");
    expect(image.enaSupport).toBeUndefined();
    expect(json.resource ?? {}).toEqual({});
  });
});
