/**
 * Instance-type facts the constructs check at synth time. Lists are by family (the part before
 * the dot); a type whose family is in neither list is unknown here and is checked at plan time
 * against `data.aws_ec2_instance_type` instead.
 */

// Instances built on the AWS Nitro System, by family.
// Source: https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html
const NITRO_FAMILIES = new Set([
  "a1", "c5", "c5a", "c5ad", "c5d", "c5n", "c6a", "c6g", "c6gd", "c6gn", "c6i", "c6id", "c6in", "c7a", "c7g",
  "c7gd", "c7gn", "c7i", "c8g", "d3", "d3en", "dl1", "f2", "g4ad", "g4dn", "g5", "g5g", "g6", "g6e", "gr6",
  "hpc6a", "hpc7g", "i3en", "i4g", "i4i", "i7ie", "im4gn", "inf1", "inf2", "is4gen", "m5", "m5a", "m5ad",
  "m5d", "m5dn", "m5n", "m5zn", "m6a", "m6g", "m6gd", "m6i", "m6id", "m6idn", "m6in", "m7a", "m7g", "m7gd",
  "m7i", "m7i-flex", "m8g", "p3dn", "p4d", "p4de", "p5", "p5e", "r5", "r5a", "r5ad", "r5b", "r5d", "r5dn",
  "r5n", "r6a", "r6g", "r6gd", "r6i", "r6id", "r6idn", "r6in", "r7a", "r7g", "r7gd", "r7i", "r7iz", "r8g",
  "t3", "t3a", "t4g", "trn1", "trn1n", "u-3tb1", "u-6tb1", "vt1", "x2gd", "x2idn", "x2iedn", "x2iezn", "x8g",
  "z1d",
]);

// Previous-generation families on the Xen hypervisor (not Nitro).
// Source: https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html (types not
// listed) and https://aws.amazon.com/ec2/previous-generation/
const XEN_FAMILIES = new Set(["c1", "c3", "c4", "d2", "g3", "g3s", "h1", "i2", "i3", "m1", "m2", "m3", "m4", "p2", "p3", "r3", "r4", "t1", "t2", "x1", "x1e"]);

// Graviton (arm64) families: a family letter followed by a generation and "g".
// Source: https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-type-specifications.html
// ("Instance families ... g – AWS Graviton processors").
const ARM64_FAMILY = /^(a1|[a-z]+\d+g[a-z]*)$/;

/** The family of an instance type: `c5n` for `c5n.large`. */
export function instanceFamily(instanceType: string): string {
  return instanceType.split(".")[0];
}

/** Whether the type runs on Nitro: `true`, `false`, or `undefined` when this catalog does not know. */
export function isNitro(instanceType: string): boolean | undefined {
  const family = instanceFamily(instanceType);
  if (NITRO_FAMILIES.has(family)) return true;
  if (XEN_FAMILIES.has(family)) return false;
  return undefined;
}

/** Whether the type is a Graviton (arm64) type. */
export function isArm64(instanceType: string): boolean {
  return ARM64_FAMILY.test(instanceFamily(instanceType));
}

/** `c5.large`-shaped: family, dot, size. */
export function isInstanceTypeName(value: string): boolean {
  return /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(value);
}

/** Source cited for the Nitro list, for messages and docs. */
export const NITRO_SOURCE = "https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-nitro-instances.html";
