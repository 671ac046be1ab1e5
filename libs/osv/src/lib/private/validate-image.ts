import { BUCKET_NAME_FIX, bucketNameProblem, ConfigCheck, isUnresolved, parseZone, type Zone } from "@edge/core";
import type { OsvImageProps } from "../osv-image";
import { BUCKET, KMS_KEY_ARN } from "./checks";
import { SOURCES } from "./sources";

/** Disk image formats `aws_ebs_snapshot_import` accepts, in the case the provider requires. */
export const OSV_DISK_FORMATS = ["RAW", "VHD", "VMDK"] as const;

/** Props of an image built from S3, with defaults applied. */
export interface ImportSettings {
  readonly kind: "import";
  readonly bucket: string;
  readonly key: string;
  readonly format: (typeof OSV_DISK_FORMATS)[number];
  readonly zones: readonly Zone[];
}

/** An existing AMI. */
export interface ExistingSettings {
  readonly kind: "existing";
  readonly amiId: string;
}

// AMI ids: ami- and 8 or 17 hex digits (EC2 UG, resource IDs).
const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

const QCOW = /^qcow2?$/i;

/** Checks every OsvImage prop, reporting all problems at once. */
export function validateOsvImageProps(
  props: OsvImageProps,
  ctx: { region: string; path: string },
): ImportSettings | ExistingSettings {
  const { path } = ctx;
  const check = new ConfigCheck();
  const hasS3 = props.s3Bucket !== undefined || props.s3Key !== undefined;
  const hasAmi = props.amiId !== undefined;

  // Exactly one source (provider: disk_container url / user_bucket ExactlyOneOf; an AMI id
  // replaces the whole pipeline).
  if (hasS3 === hasAmi) {
    // Reported at a key of the image, with the value written there: amiId when both are given.
    check.fail({
      code: "EDGE_OSV_IMAGE_SOURCE",
      path: hasAmi ? `${path}.amiId` : `${path}.s3Bucket`,
      value: hasAmi ? props.amiId : props.s3Bucket,
      problem: hasAmi
        ? `both an S3 image (s3Bucket ${JSON.stringify(props.s3Bucket ?? "")}, s3Key ${JSON.stringify(props.s3Key ?? "")}) and an AMI id are given; an image comes from exactly one of them`
        : "neither an S3 image (s3Bucket and s3Key) nor an AMI id is given",
      fix: "give s3Bucket and s3Key of the converted OSv disk image, or amiId of an existing OSv AMI, not both",
    });
    check.throwIfFailed();
  }

  if (hasAmi) {
    check.expect(typeof props.amiId === "string" && AMI_ID.test(props.amiId), {
      code: "EDGE_OSV_AMI_ID",
      path: `${path}.amiId`,
      value: props.amiId,
      problem: "not an AMI id",
      fix: "use the id of a registered AMI, such as ami-0123456789abcdef0",
    });
    for (const key of [
      "format",
      "kmsKeyArn",
      "encrypted",
      "rootVolumeType",
      "rootVolumeSizeGiB",
      "zones",
      "vmImportRoleName",
    ] as const) {
      if (props[key] !== undefined) {
        check.fail({
          code: "EDGE_OSV_IMAGE_SOURCE",
          path: `${path}.${key}`,
          value: props[key],
          problem: `${key} configures the S3 import pipeline, and this image is an existing AMI`,
          fix: `remove ${key}, or import the image from S3 instead of passing amiId`,
        });
      }
    }
    check.throwIfFailed();
    return { kind: "existing", amiId: props.amiId! };
  }

  // A URL or a path is a location given in the wrong shape; anything else that is not a bucket
  // name breaks the S3 naming rules (the core bucket-name catalog says which).
  const bucket = props.s3Bucket;
  const location = typeof bucket === "string" && (bucket.startsWith("s3://") || bucket.includes("/"));
  const naming = typeof bucket === "string" && !location ? bucketNameProblem(bucket) : undefined;
  check.expect(typeof bucket === "string" && BUCKET.test(bucket) && naming === undefined, {
    code: naming !== undefined ? "EDGE_S3_BUCKET_NAME" : "EDGE_OSV_S3_LOCATION",
    path: `${path}.s3Bucket`,
    value: bucket,
    problem: naming ?? (typeof bucket === "string" && bucket.startsWith("s3://") ? "the bucket is given as a URL" : "not an S3 bucket name"),
    fix: naming !== undefined ? BUCKET_NAME_FIX : 'give the bucket name alone, e.g. "osv-images-prod", and the object key in s3Key',
  });
  const key = props.s3Key;
  check.expect(
    typeof key === "string" &&
      key.length > 0 &&
      key.length <= 1024 &&
      !key.startsWith("/") &&
      !key.endsWith("/"),
    {
      code: "EDGE_OSV_S3_LOCATION",
      path: `${path}.s3Key`,
      value: key,
      problem:
        "not the key of an object: it must be 1-1024 characters, not starting or ending with /",
      fix: 'give the key of the converted image object, e.g. "osv/app/usr.raw"',
    },
  );

  const format = props.format ?? "RAW";
  if (!isUnresolved(format) && !(OSV_DISK_FORMATS as readonly string[]).includes(format)) {
    const upper = typeof format === "string" ? format.toUpperCase() : "";
    check.fail({
      code: "EDGE_OSV_IMAGE_FORMAT",
      path: `${path}.format`,
      value: format,
      problem: QCOW.test(String(format))
        ? "EBS snapshot import does not accept qcow2, OSv's default image format"
        : (OSV_DISK_FORMATS as readonly string[]).includes(upper)
          ? "the format must be upper case: the provider compares it case-sensitively"
          : "not a disk format EBS snapshot import accepts",
      fix: QCOW.test(String(format))
        ? 'convert the image first with qemu-img convert -O raw usr.img usr.raw, upload usr.raw and set format "RAW"'
        : `use ${OSV_DISK_FORMATS.map((f) => `"${f}"`).join(", ")} (upper case)`,
    });
  }
  // A .qcow2 object declared as RAW would import a corrupt disk.
  if (typeof key === "string" && !isUnresolved(key) && /\.qcow2?$/i.test(key)) {
    check.fail({
      code: "EDGE_OSV_IMAGE_FORMAT",
      path: `${path}.s3Key`,
      value: key,
      problem: "the object is a qcow2 image, which EBS snapshot import does not accept",
      fix: `convert it first with qemu-img convert -O raw ${key.split("/").pop()} usr.raw, upload usr.raw and point s3Key at it`,
    });
  }

  if (props.encrypted === false) {
    check.fail({
      code: "EDGE_OSV_IMAGE_UNENCRYPTED",
      path: `${path}.encrypted`,
      value: false,
      problem:
        "the imported snapshot would be unencrypted, and every host launched from the AMI would start from an unencrypted disk",
      fix: "leave encrypted unset (true); pass kmsKeyArn to use a customer managed key",
    });
  }
  if (props.kmsKeyArn !== undefined) {
    check.expect(KMS_KEY_ARN.test(props.kmsKeyArn), {
      code: "EDGE_OSV_KMS_KEY",
      path: `${path}.kmsKeyArn`,
      value: props.kmsKeyArn,
      problem:
        "not a KMS key ARN; the vmimport role is granted that key only, so an alias or key id cannot be used",
      fix: "use arn:aws:kms:<region>:<account>:key/<key id>",
    });
  }
  if (props.rootVolumeSizeGiB !== undefined) {
    check.expect(
      Number.isInteger(props.rootVolumeSizeGiB) &&
        props.rootVolumeSizeGiB >= 1 &&
        props.rootVolumeSizeGiB <= 16384,
      {
        code: "EDGE_CONFIG_VALUE",
        path: `${path}.rootVolumeSizeGiB`,
        value: props.rootVolumeSizeGiB,
        problem: "the root volume size must be a whole number of GiB from 1 to 16384",
        fix: "give the size in GiB, at least the image's size, or leave it out to use the snapshot's size",
      },
    );
  }

  const zones: Zone[] = [];
  (props.zones ?? []).forEach((name, i) => {
    check.collect(() =>
      zones.push(parseZone(name, { region: ctx.region, path: `${path}.zones[${i}]` })),
    );
  });
  check.throwIfFailed();
  return {
    kind: "import",
    bucket: props.s3Bucket!,
    key: key!,
    format: format as ImportSettings["format"],
    zones,
  };
}

/** Where the image rules come from, for the README and messages. */
export const IMAGE_RULE_SOURCES = [
  SOURCES.diskFormats,
  SOURCES.qemuImgRaw,
  SOURCES.exactlyOneSource,
] as const;
