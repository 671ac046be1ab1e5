import { z } from "zod";
import { EC2_INSTANCE_TYPES, EC2_INSTANCE_TYPES_SDK_VERSION } from "../catalogs/ec2-instance-types";
import { isKnownRegion, REGION_SOURCE, similarRegions } from "../catalogs/regions";
import { rule } from "../config-schema";
import { BUCKET_NAME_FIX, bucketNameProblem } from "../catalogs/s3-bucket-names";

/** `schema` refined to a Region of the catalog (code EDGE_REGION), with the Regions it may have meant. */
export function regionRule(schema: z.ZodString): z.ZodString {
  return schema.superRefine((value, ctx) => {
    if (isKnownRegion(value)) return;
    const near = similarRegions(value);
    ctx.addIssue({
      code: "custom",
      message: "no AWS Region has this code",
      params: rule(
        "EDGE_REGION",
        near.length > 0
          ? `use an existing Region code: ${near.map((r) => `"${r}"`).join(", ")} (${REGION_SOURCE})`
          : `use an existing Region code in lowercase, such as "us-east-1" or "eu-west-1" (${REGION_SOURCE})`,
      ),
      input: value,
    });
  });
}

/** `schema` refined to a valid general purpose S3 bucket name (code EDGE_S3_BUCKET_NAME). */
export function bucketNameRule(schema: z.ZodString): z.ZodString {
  return schema.superRefine((value, ctx) => {
    const problem = bucketNameProblem(value);
    if (problem) {
      ctx.addIssue({
        code: "custom",
        message: problem,
        params: rule("EDGE_S3_BUCKET_NAME", BUCKET_NAME_FIX),
        input: value,
      });
    }
  });
}

const INSTANCE_TYPES = new Set(EC2_INSTANCE_TYPES);

/** Why `name` is not an EC2 instance type and what to use instead, or undefined when it is one. */
export function instanceTypeProblem(name: string): { problem: string; fix: string } | undefined {
  if (INSTANCE_TYPES.has(name)) return undefined;
  const family = name.split(".")[0];
  const sizes = EC2_INSTANCE_TYPES.filter((t) => t.split(".")[0] === family);
  const source = `EC2 API InstanceType values, @aws-sdk/client-ec2 ${EC2_INSTANCE_TYPES_SDK_VERSION}`;
  if (sizes.length > 0) {
    return {
      problem: `the ${family} family has no size ${JSON.stringify(name.slice(family.length + 1))} in EC2`,
      fix: `use a ${family} size that exists: ${sizes.join(", ")} (${source})`,
    };
  }
  return {
    problem: "no EC2 instance type has this name",
    fix: `use a full instance type name, family and size, such as "c5.large", "m5.xlarge" or "t3.medium" (${source})`,
  };
}

/** `schema` refined to a full EC2 instance type name of the catalog (code EDGE_INSTANCE_TYPE). */
export function instanceTypeRule(schema: z.ZodString): z.ZodString {
  return schema.superRefine((value, ctx) => {
    const found = instanceTypeProblem(value);
    if (found)
      ctx.addIssue({
        code: "custom",
        message: found.problem,
        params: rule("EDGE_INSTANCE_TYPE", found.fix),
        input: value,
      });
  });
}

/**
 * A count between 1 and `max`. `max` is AWS's documented limit where there is one (cite it in
 * `why`), or a bound this project sets so that a typo (100000 racks) stops synth: `why` then says
 * so and where to raise it.
 */
export function countRule(max: number, why: string): z.ZodNumber {
  return z.number().superRefine((value, ctx) => {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      ctx.addIssue({
        code: "custom",
        message: `a whole number from 1 to ${max} is expected`,
        params: rule("EDGE_COUNT_RANGE", `give a whole number from 1 to ${max} (${why})`),
        input: value,
      });
    }
  });
}
