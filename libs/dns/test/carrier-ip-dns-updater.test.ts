import { declaredNeedsOf } from "@edge/core";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { EdgeStack, resolveEnvironment } from "@edge/core";
import {
  configError,
  FIXTURE_CATALOG,
  configErrors,
  resourcesOf,
  synthJson,
  testStack,
  warningsOf,
} from "@edge/core/testing";
import { App } from "cdktf";
import { CarrierIpDnsUpdater, type CarrierIpDnsUpdaterProps } from "../src";

const ZONE = "Z0123456789ABCDEFGHIJ";
const ZONE_ARN = `arn:aws:route53:::hostedzone/${ZONE}`;
const base: CarrierIpDnsUpdaterProps = { hostedZoneId: ZONE, recordName: "bos.edge.example.com" };

function build(props: Partial<CarrierIpDnsUpdaterProps> = {}, env = "dev") {
  const stack = testStack({ site: "wavelength-bos", env });
  const updater = new CarrierIpDnsUpdater(stack, "dns-updater", { ...base, ...props });
  return { stack, updater, json: synthJson(stack) };
}

type Statement = {
  Sid: string;
  Action: string[];
  Resource: string;
  Condition?: Record<string, Record<string, unknown>>;
};

describe("CarrierIpDnsUpdater", () => {
  const { json, updater } = build();
  const fn = resourcesOf(json, "aws_lambda_function")["dns-updater_function"];

  it("triggers on EC2 instance state changes to the five states it handles", () => {
    const rule = resourcesOf(json, "aws_cloudwatch_event_rule")["dns-updater_rule"];
    expect(rule.name).toBe("wavelength-bos-dev-dns-updater");
    expect(JSON.parse(rule.event_pattern)).toEqual({
      source: ["aws.ec2"],
      "detail-type": ["EC2 Instance State-change Notification"],
      detail: { state: ["running", "stopping", "stopped", "shutting-down", "terminated"] },
    });
  });

  it("targets the function, with a dead-letter queue for undeliverable events", () => {
    expect(resourcesOf(json, "aws_cloudwatch_event_target")["dns-updater_target"]).toEqual({
      rule: "${aws_cloudwatch_event_rule.dns-updater_rule.name}",
      target_id: "carrier-ip-dns-updater",
      arn: "${aws_lambda_function.dns-updater_function.arn}",
      dead_letter_config: { arn: "${aws_sqs_queue.dns-updater_dead-letter-queue.arn}" },
    });
  });

  it("lets only this rule invoke the function", () => {
    expect(resourcesOf(json, "aws_lambda_permission")["dns-updater_permission"]).toEqual({
      statement_id: "AllowEventBridgeRule",
      action: "lambda:InvokeFunction",
      function_name: "${aws_lambda_function.dns-updater_function.function_name}",
      principal: "events.amazonaws.com",
      source_arn: "${aws_cloudwatch_event_rule.dns-updater_rule.arn}",
    });
  });

  // Lambda runtimes (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, supported
  // runtimes table, as mirrored in tflint-ruleset-aws aws_lambda_function_deprecated_runtime.go):
  // nodejs22.x is deprecated on 2027-04-30, nodejs24.x ("Node.js 24", Amazon Linux 2023) later;
  // the default is the newest Node.js runtime, so a site does not land on a deprecated one soon.
  it("runs the bundled handler on Node.js 24 with its inputs as environment, a dead-letter queue and its own log group", () => {
    expect(fn).toMatchObject({
      function_name: "wavelength-bos-dev-dns-updater",
      runtime: "nodejs24.x",
      handler: "index.handler",
      architectures: ["arm64"],
      role: "${aws_iam_role.dns-updater_role.arn}",
      dead_letter_config: { target_arn: "${aws_sqs_queue.dns-updater_dead-letter-queue.arn}" },
      logging_config: {
        log_format: "Text",
        log_group: "${aws_cloudwatch_log_group.dns-updater_log-group.name}",
      },
      environment: {
        variables: {
          EDGE_DNS_ZONE_ID: ZONE,
          EDGE_DNS_RECORD_NAME: "bos.edge.example.com",
          EDGE_DNS_WEIGHT: "1",
          EDGE_DNS_TTL: "30",
          EDGE_DNS_MANAGED_TAG_KEY: "edge:dns-name",
          EDGE_DNS_MANAGED_TAG_VALUE: "bos.edge.example.com",
          EDGE_DNS_ALARM_PREFIX: "wavelength-bos-dev-dns-updater",
        },
      },
      depends_on: ["aws_iam_role_policy.dns-updater_policy"],
    });
    expect(updater.managedTag).toEqual({ key: "edge:dns-name", value: "bos.edge.example.com" });
  });

  // Lambda developer guide, "Configuring reserved concurrency": "You can reserve up to the
  // Unreserved account concurrency value that is shown, minus 100", so reserving fails to apply in
  // new accounts; the handler converges without it (handler.property.test.ts).
  it("reserves no concurrency", () => {
    expect(fn.reserved_concurrent_executions).toBeUndefined();
  });

  it("deploys the handler ZIP as an asset, addressed by its content hash", () => {
    const zip = fs.readFileSync(updater.bundle.zipPath);
    const hex = crypto.createHash("sha256").update(zip).digest("hex");
    expect(fn.filename).toBe(`assets/dns-updater_handler/${hex}/carrier-ip-updater.zip`);
    expect(fn.source_code_hash).toBe(crypto.createHash("sha256").update(zip).digest("base64"));
    expect(updater.bundle).toMatchObject({ zipBytes: zip.length, sha256Hex: hex });
  });

  it("encrypts the dead-letter queue and lets only this rule's target write to it", () => {
    expect(resourcesOf(json, "aws_sqs_queue")["dns-updater_dead-letter-queue"]).toMatchObject({
      name: "wavelength-bos-dev-dns-updater-dlq",
      sqs_managed_sse_enabled: true,
    });
    const policy = JSON.parse(
      resourcesOf(json, "aws_sqs_queue_policy")["dns-updater_dead-letter-queue-policy"].policy,
    );
    expect(policy.Statement).toEqual([
      {
        Sid: "EventBridgeDeadLetters",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: "${aws_sqs_queue.dns-updater_dead-letter-queue.arn}",
        Condition: {
          ArnEquals: { "aws:SourceArn": "${aws_cloudwatch_event_rule.dns-updater_rule.arn}" },
        },
      },
    ]);
  });

  it("keeps the function's logs 30 days outside production, 365 in production", () => {
    expect(resourcesOf(json, "aws_cloudwatch_log_group")["dns-updater_log-group"]).toMatchObject({
      name: "/aws/lambda/wavelength-bos-dev-dns-updater",
      retention_in_days: 30,
    });
    expect(
      resourcesOf(build({}, "prod").json, "aws_cloudwatch_log_group")["dns-updater_log-group"]
        .retention_in_days,
    ).toBe(365);
    expect(
      resourcesOf(
        build({ logRetentionDays: 90, logKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/k" })
          .json,
        "aws_cloudwatch_log_group",
      )["dns-updater_log-group"],
    ).toMatchObject({
      retention_in_days: 90,
      kms_key_id: "arn:aws:kms:us-east-1:111111111111:key/k",
    });
  });

  describe("IAM", () => {
    const role = resourcesOf(json, "aws_iam_role")["dns-updater_role"];
    const statements = JSON.parse(
      resourcesOf(json, "aws_iam_role_policy")["dns-updater_policy"].policy,
    ).Statement as Statement[];
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));

    it("is assumed by Lambda only and carries the environment's permissions boundary", () => {
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        {
          Effect: "Allow",
          Principal: { Service: "lambda.amazonaws.com" },
          Action: "sts:AssumeRole",
        },
      ]);
      const boundary = resolveEnvironment("prod", FIXTURE_CATALOG).permissionsBoundaryArn;
      expect(boundary).toMatch(/^arn:aws:iam::\d{12}:policy\//);
      expect(
        resourcesOf(build({}, "prod").json, "aws_iam_role")["dns-updater_role"]
          .permissions_boundary,
      ).toBe(boundary);
    });

    it("lists exactly these actions, none with a wildcard", () => {
      expect(statements.flatMap((s) => s.Action).sort()).toEqual(
        [
          "cloudwatch:DeleteAlarms",
          "cloudwatch:DescribeAlarms",
          "cloudwatch:PutMetricAlarm",
          "cloudwatch:TagResource",
          "route53:ChangeTagsForResource",
          "route53:CreateHealthCheck",
          "route53:DeleteHealthCheck",
          "route53:ListHealthChecks",
          "route53:ListTagsForResources",
          "ec2:DescribeInstances",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "route53:ChangeResourceRecordSets",
          "route53:ListResourceRecordSets",
          "sqs:SendMessage",
        ].sort(),
      );
      expect(statements.flatMap((s) => s.Action).filter((a) => a.includes("*"))).toEqual([]);
    });

    it("scopes the Route 53 actions to the one hosted zone, and changes to this name's A records", () => {
      expect(bySid.ListRecordSets).toMatchObject({
        Action: ["route53:ListResourceRecordSets"],
        Resource: ZONE_ARN,
      });
      expect(bySid.ChangeRecordSets).toEqual({
        Sid: "ChangeRecordSets",
        Effect: "Allow",
        Action: ["route53:ChangeResourceRecordSets"],
        Resource: ZONE_ARN,
        Condition: {
          "ForAllValues:StringEquals": {
            "route53:ChangeResourceRecordSetsNormalizedRecordNames": ["bos.edge.example.com"],
            "route53:ChangeResourceRecordSetsRecordTypes": ["A"],
            "route53:ChangeResourceRecordSetsActions": ["UPSERT", "DELETE"],
          },
        },
      });
      expect(updater.hostedZoneArn).toBe(ZONE_ARN);
    });

    it('uses Resource "*" only for actions without resource-level permissions', () => {
      expect(statements.filter((s) => s.Resource === "*")).toEqual([
        {
          Sid: "DescribeInstances",
          Effect: "Allow",
          Action: ["ec2:DescribeInstances"],
          Resource: "*",
          Condition: { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
        },
        {
          Sid: "FindAndCreateHealthChecks",
          Effect: "Allow",
          Action: ["route53:CreateHealthCheck", "route53:ListHealthChecks"],
          Resource: "*",
        },
      ]);
    });

    it("manages health checks by ARN and only the alarms named after the function", () => {
      expect(bySid.ManageHealthChecks.Resource).toBe("arn:aws:route53:::healthcheck/*");
      expect(bySid.HostAlarms.Resource).toBe(
        "arn:aws:cloudwatch:us-east-1:111111111111:alarm:wavelength-bos-dev-dns-updater-i-*",
      );
    });

    it("writes only to its own log group and dead-letter queue", () => {
      expect(bySid.WriteLogs.Resource).toBe(
        "${aws_cloudwatch_log_group.dns-updater_log-group.arn}:*",
      );
      expect(bySid.DeadLetters.Resource).toBe("${aws_sqs_queue.dns-updater_dead-letter-queue.arn}");
    });

    it("normalizes a literal name as IAM compares it, and lowers a name known only at apply time", () => {
      const names = (j: ReturnType<typeof synthJson>) =>
        (
          JSON.parse(resourcesOf(j, "aws_iam_role_policy")["dns-updater_policy"].policy)
            .Statement as Statement[]
        ).find((s) => s.Sid === "ChangeRecordSets")!.Condition!["ForAllValues:StringEquals"][
          "route53:ChangeResourceRecordSetsNormalizedRecordNames"
        ];
      expect(names(build({ recordName: "*.BOS.example.com." }).json)).toEqual([
        "\\052.bos.example.com",
      ]);
      const stack = testStack({ site: "wavelength-bos" });
      const { TerraformVariable } = jest.requireActual("cdktf") as typeof import("cdktf");
      const name = new TerraformVariable(stack, "record_name", { type: "string" }).stringValue;
      new CarrierIpDnsUpdater(stack, "dns-updater", { ...base, recordName: name });
      const j = synthJson(stack);
      expect(names(j)).toEqual(["${local.dns-updater_iam-record-name}"]);
      expect(j.locals["dns-updater_iam-record-name"]).toBe(
        '${lower(trimsuffix(var.record_name, "."))}',
      );
    });
  });

  it("strips a /hostedzone/ prefix from the zone id", () => {
    const j = build({ hostedZoneId: `/hostedzone/${ZONE}` }).json;
    expect(
      resourcesOf(j, "aws_lambda_function")["dns-updater_function"].environment.variables
        .EDGE_DNS_ZONE_ID,
    ).toBe(ZONE);
  });

  it("takes weight, ttl, tag, runtime, architecture and the hosts' alarm from props", () => {
    const j = build({
      weight: 20,
      ttl: 15,
      managedTag: { key: "aws:ec2launchtemplate:id" },
      runtime: "nodejs22.x",
      architecture: "x86_64",
      healthAlarm: { namespace: "Edge/App", metricName: "Unhealthy", statistic: "Sum" },
    }).json;
    const f = resourcesOf(j, "aws_lambda_function")["dns-updater_function"];
    expect(f).toMatchObject({ runtime: "nodejs22.x", architectures: ["x86_64"] });
    expect(f.environment.variables).toEqual({
      EDGE_DNS_ZONE_ID: ZONE,
      EDGE_DNS_RECORD_NAME: "bos.edge.example.com",
      EDGE_DNS_WEIGHT: "20",
      EDGE_DNS_TTL: "15",
      EDGE_DNS_MANAGED_TAG_KEY: "aws:ec2launchtemplate:id",
      EDGE_DNS_ALARM_PREFIX: "wavelength-bos-dev-dns-updater",
      EDGE_DNS_ALARM: JSON.stringify({
        namespace: "Edge/App",
        metricName: "Unhealthy",
        dimensionName: "InstanceId",
        statistic: "Sum",
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        period: 60,
        evaluationPeriods: 2,
      }),
    });
  });

  // Route 53 API reference, AlarmIdentifier.Name: standard-resolution metrics and the statistics
  // Average, Minimum, Maximum, Sum and SampleCount only.
  it("rejects an alarm Route 53 health checks cannot follow", () => {
    expect(
      configErrors(() => build({ healthAlarm: { statistic: "p99" as never, period: 10 } })).map(
        (e) => e.message,
      ),
    ).toEqual([
      'EDGE_DNS_HEALTH_ALARM at dnsUpdater.healthAlarm.statistic: route 53 health checks follow alarms on Average, Minimum, Maximum, Sum or SampleCount only (got "p99"); fix: use one of Average, Minimum, Maximum, Sum, SampleCount',
      "EDGE_DNS_HEALTH_ALARM at dnsUpdater.healthAlarm.period: route 53 supports standard-resolution alarms only: a period of 60 s or a multiple of 60 (got 10); fix: use 60",
    ]);
  });

  describe("fallback", () => {
    const hub = { name: "hub-nlb-123.elb.us-east-1.amazonaws.com", zoneId: "Z26RNL4JYFTOTI" };

    // Route 53 Developer Guide, "Values specific for weighted records", Weight: weight 0 takes a
    // record out of rotation; Route 53 answers with zero-weight records only when every other
    // record is unhealthy or gone, so carrier clients fall back to the hub.
    it("adds a weight-0 alias to an internet endpoint in the carrier name, and the hosts' ttl becomes 60", () => {
      const j = build({ fallback: hub }).json;
      expect(resourcesOf(j, "aws_route53_record")).toEqual({
        "dns-updater_fallback": {
          zone_id: ZONE,
          name: "bos.edge.example.com",
          type: "A",
          set_identifier: "internet-fallback",
          weighted_routing_policy: { weight: 0 },
          alias: { name: hub.name, zone_id: hub.zoneId, evaluate_target_health: true },
        },
      });
      expect(
        resourcesOf(j, "aws_lambda_function")["dns-updater_function"].environment.variables
          .EDGE_DNS_TTL,
      ).toBe("60");
    });

    // Same page, TTL: with an ELB alias in the group, non-alias records take 60 s or the weights
    // skew.
    it("refuses a shorter host ttl next to the fallback alias", () => {
      const stack = testStack({ site: "wavelength-bos" });
      new CarrierIpDnsUpdater(stack, "dns-updater", { ...base, ttl: 30, fallback: hub });
      expect(configError(() => synthJson(stack)).message).toBe(
        "EDGE_DNS_ALIAS_GROUP_TTL at dnsUpdater.ttl: the weighted group bos.edge.example.com holds alias records (dnsUpdater.fallback), which answer with the load balancer's 60 s ttl, so a ttl of 30 s on a non-alias record changes the effect of the weights (got 30); fix: set the ttl to 60; only a group without aliases may use a shorter one",
      );
    });
  });

  it("mirrors its inputs to SSM Parameter Store when asked, and not by default", () => {
    expect(resourcesOf(json, "aws_ssm_parameter")).toEqual({});
    const params = resourcesOf(
      build({ ssmParameterPrefix: "/wavelength-bos/dev/dns-updater" }).json,
      "aws_ssm_parameter",
    );
    expect(Object.fromEntries(Object.values(params).map((p) => [p.name, p.value]))).toEqual({
      "/wavelength-bos/dev/dns-updater/zone-id": ZONE,
      "/wavelength-bos/dev/dns-updater/record-name": "bos.edge.example.com",
      "/wavelength-bos/dev/dns-updater/weight": "1",
      "/wavelength-bos/dev/dns-updater/ttl": "30",
      "/wavelength-bos/dev/dns-updater/managed-tag-key": "edge:dns-name",
      "/wavelength-bos/dev/dns-updater/managed-tag-value": "bos.edge.example.com",
    });
    expect(Object.values(params).every((p) => p.type === "String")).toBe(true);
  });

  it("warns when the ttl keeps stale carrier ips in resolvers for more than 60 s", () => {
    const { stack } = build({ ttl: 120 });
    expect(warningsOf(stack)).toEqual([
      expect.stringContaining(
        "EDGE_DNS_CARRIER_TTL at dnsUpdater.ttl: a ttl of 120 s on a carrier endpoint",
      ),
    ]);
    expect(warningsOf(build({ ttl: 60 }).stack)).toEqual([]);
  });

  describe("synthesized output", () => {
    function synthTo(outdir: string): string {
      const app = new App({ outdir });
      const stack = new EdgeStack(app, {
        site: "wavelength-bos",
        environment: resolveEnvironment("dev", FIXTURE_CATALOG),
        layout: { repoRoot: outdir, outdir },
      });
      new CarrierIpDnsUpdater(stack, "dns-updater", base);
      app.synth();
      return path.join(outdir, "stacks", "wavelength-bos-dev");
    }
    const dirs = [
      fs.mkdtempSync(path.join(os.tmpdir(), "edge-dns-a-")),
      fs.mkdtempSync(path.join(os.tmpdir(), "edge-dns-b-")),
    ];
    afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
    const [a, b] = dirs.map(synthTo);
    const text = fs.readFileSync(path.join(a, "cdk.tf.json"), "utf8");

    it("copies the ZIP next to the stack, at the path the function names", () => {
      const filename = JSON.parse(text).resource.aws_lambda_function["dns-updater_function"]
        .filename as string;
      expect(fs.readFileSync(path.join(a, filename))).toEqual(
        fs.readFileSync(updater.bundle.zipPath),
      );
    });

    it("is the same byte for byte in every synth: no absolute paths, no timestamps", () => {
      expect(fs.readFileSync(path.join(b, "cdk.tf.json"), "utf8")).toBe(text);
      for (const absolute of [
        path.resolve(__dirname, "../../.."),
        os.tmpdir(),
        os.homedir(),
        "node_modules",
      ])
        expect(text).not.toContain(absolute);
      expect(text).not.toMatch(/\b20\d\d-\d\d-\d\dT\d\d:\d\d/);
    });
  });

  describe("rules", () => {
    it.each([
      [
        { weight: 256 },
        "EDGE_DNS_WEIGHT",
        "dnsUpdater.weight",
        "a route 53 weight is an integer from 0 to 255",
      ],
      [
        { weight: 1.5 },
        "EDGE_DNS_WEIGHT",
        "dnsUpdater.weight",
        "a route 53 weight is an integer from 0 to 255",
      ],
      [
        { ttl: -1 },
        "EDGE_DNS_TTL",
        "dnsUpdater.ttl",
        "a record ttl is a non-negative whole number of seconds",
      ],
      [
        { ttl: 2.5 },
        "EDGE_DNS_TTL",
        "dnsUpdater.ttl",
        "a record ttl is a non-negative whole number of seconds",
      ],
      [
        { hostedZoneId: "example.com" },
        "EDGE_DNS_ZONE_ID",
        "dnsUpdater.hostedZoneId",
        "a route 53 hosted zone id starts with Z",
      ],
      [
        { recordName: "bad name.example.com" },
        "EDGE_DNS_RECORD_NAME",
        "dnsUpdater.recordName",
        "a record name is a dns name",
      ],
      [
        { managedTag: { key: "" } },
        "EDGE_DNS_MANAGED_TAG",
        "dnsUpdater.managedTag.key",
        "an ec2 tag key is 1 to 128 characters",
      ],
      [
        { managedTag: { key: "k", value: "v".repeat(257) } },
        "EDGE_DNS_MANAGED_TAG",
        "dnsUpdater.managedTag.value",
        "an ec2 tag value is at most 256 characters",
      ],
      [
        { logRetentionDays: 10 },
        "EDGE_LOG_RETENTION",
        "dnsUpdater.logRetentionDays",
        "cloudwatch logs accepts only certain retention periods",
      ],
      [
        { ssmParameterPrefix: "dns/" },
        "EDGE_DNS_SSM_PREFIX",
        "dnsUpdater.ssmParameterPrefix",
        "an ssm parameter path starts with /",
      ],
    ] as const)("%j fails with %s", (props, code, where, problem) => {
      const err = configError(() => build(props as Partial<CarrierIpDnsUpdaterProps>));
      expect(err).toMatchObject({ code, path: where });
      expect(err.problem).toContain(problem);
      expect(err.message).toMatch(new RegExp(`^${code} at ${where.replace(/\./g, "\\.")}: `));
    });

    // Lambda runtimes (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html): Node.js 20
    // was deprecated on April 30, 2026 ("Starting on April 30, 2026, Lambda will no longer apply
    // security patches and other updates to the Node.js 20.x runtime", AWS's end-of-support notice
    // as quoted in awslabs/landing-zone-accelerator-on-aws#961), after which creating and then updating functions on it is blocked (runtime
    // deprecation policy, https://docs.aws.amazon.com/lambda/latest/dg/runtime-support-policy.html).
    it.each(["nodejs20.x", "nodejs18.x", "python3.13"])("rejects the runtime %s", (runtime) => {
      const err = configError(() => build({ runtime: runtime as never }));
      expect(err.code).toBe("EDGE_DNS_RUNTIME");
      expect(err.message).toBe(
        `EDGE_DNS_RUNTIME at dnsUpdater.runtime: the handler runs on the supported Lambda Node.js runtimes nodejs24.x (deprecated on 2028-04-30) and nodejs22.x (deprecated on 2027-04-30); a deprecated runtime gets no security patches, and Lambda then blocks creating and updating functions on it (got "${runtime}"); fix: use "nodejs24.x" (the default) or leave runtime out`,
      );
    });

    it("reports every bad prop at once, before creating anything", () => {
      const stack = testStack({ site: "wavelength-bos" });
      const errors = configErrors(
        () =>
          new CarrierIpDnsUpdater(stack, "dns-updater", {
            ...base,
            weight: -1,
            ttl: -1,
            hostedZoneId: "nope",
          }),
      );
      expect(errors.map((e) => e.code).sort()).toEqual([
        "EDGE_DNS_TTL",
        "EDGE_DNS_WEIGHT",
        "EDGE_DNS_ZONE_ID",
      ]);
      expect(stack.node.tryFindChild("dns-updater")?.node.children ?? []).toEqual([]);
    });

    it("rejects a simple record with the updater's name and type in the same zone", () => {
      const stack = testStack({ site: "wavelength-bos" });
      new CarrierIpDnsUpdater(stack, "dns-updater", base);
      new Route53Record(stack, "apex", {
        zoneId: ZONE,
        name: "bos.edge.example.com.",
        type: "A",
        ttl: 300,
        records: ["192.0.2.1"],
      });
      const err = configError(() => synthJson(stack));
      expect(err).toMatchObject({
        code: "EDGE_DNS_MIXED_ROUTING",
        path: "wavelength-bos-dev/apex",
        value: "bos.edge.example.com",
      });
      expect(err.problem).toContain(
        "shares its name with the weighted records of dnsUpdater.recordName",
      );
    });
  });
});

describe("CarrierIpDnsUpdater network needs", () => {
  // The handler calls EC2 (DescribeInstances) and Route 53 (ChangeResourceRecordSets); synth
  // proves the function reaches both (outside a VPC: Lambda's own network).
  it("declares the services its handler calls", () => {
    expect(declaredNeedsOf(build().updater)).toEqual([
      { description: "carrier-ip dns updater wavelength-bos-dev-dns-updater", calls: [{ service: "ec2" }, { service: "route53" }, { service: "monitoring" }] },
    ]);
  });
});
