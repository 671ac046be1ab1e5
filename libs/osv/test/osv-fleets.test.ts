import { declaredNeedsOf } from "@edge/core";
import { configErrors, resourcesOf, synthJson, testStack, warningsOf } from "@edge/core/testing";
import { OsvAutoScalingFleet, OsvHostSecurityGroup, OsvImage, OsvLaunchTemplate } from "../src";
import {
  AZ_SUBNETS,
  BASE,
  LZ_SUBNETS,
  OP_SUBNETS,
  OUTPOST,
  synthFixed,
  synthFleet,
  WL_SUBNETS,
} from "./fixtures";

const ref = (type: string, name: string, attr = "id") => `\${${type}.${name}.${attr}}`;
const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");
type Statement = { Sid: string; Action: string[]; Resource: string; Condition?: unknown };

describe("OsvAutoScalingFleet launch template, baked mode (default)", () => {
  const { json, fleet } = synthFleet();
  const lt = resourcesOf(json, "aws_launch_template")["app_launch-template"];

  it("requires IMDSv2 with hop limit 1 and carries no user data", () => {
    expect(lt.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "required",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
    expect(lt.user_data).toBeUndefined();
    expect(fleet.bootMode).toBe("baked");
    expect(fleet.imdsV1Exception).toBeUndefined();
  });

  it("boots the image with the instance profile, detailed monitoring and an encrypted root volume", () => {
    expect(lt).toMatchObject({
      name: "region-hub-dev-app",
      image_id: "ami-0123456789abcdef0",
      instance_type: "c5.large",
      update_default_version: true,
      iam_instance_profile: { arn: ref("aws_iam_instance_profile", "app_instance-profile", "arn") },
      monitoring: { enabled: true },
      block_device_mappings: [
        {
          device_name: "/dev/xvda",
          ebs: { volume_type: "gp3", encrypted: "true", delete_on_termination: "true" },
        },
      ],
    });
  });

  it("gives Region hosts a private network interface with the security groups and no public IP", () => {
    expect(lt.network_interfaces).toEqual([
      {
        device_index: 0,
        security_groups: ["sg-app"],
        delete_on_termination: "true",
        associate_public_ip_address: "false",
      },
    ]);
    expect(lt.vpc_security_group_ids).toBeUndefined();
  });

  it("tags instances, volumes and interfaces with the required tags (default_tags do not reach them)", () => {
    const tags = {
      Name: "region-hub-dev-app",
      "cost-center": "edge-dev",
      site: "region-hub",
      environment: "dev",
      "managed-by": "edge-blueprints",
    };
    expect(lt.tag_specifications).toEqual([
      { resource_type: "instance", tags },
      { resource_type: "volume", tags },
      { resource_type: "network-interface", tags },
    ]);
  });

  it("needs no plan-time image check for an image this library registered", () => {
    expect(json.data?.aws_ami).toBeUndefined();
    expect(fleet.imageCheck).toBeUndefined();
  });
});

describe("OsvAutoScalingFleet launch template, user-data mode", () => {
  const command = { program: "/app", args: ["--port=8080"], env: { LOG_LEVEL: "info" } };
  const reason = "the image is shared by three sites with different ports";
  const { json, fleet, stack } = synthFleet({
    bootMode: "user-data",
    command,
    imdsV1Reason: reason,
  });
  const lt = resourcesOf(json, "aws_launch_template")["app_launch-template"];

  it('sets http_tokens = "optional" (OSv cloud-init reads user data without a token), still hop limit 1', () => {
    expect(lt.metadata_options).toEqual({
      http_endpoint: "enabled",
      http_tokens: "optional",
      http_put_response_hop_limit: 1,
      instance_metadata_tags: "disabled",
    });
  });

  it("renders the OSv command line into base64 user data for cloud-init", () => {
    expect(decode(lt.user_data)).toBe(
      [
        "# OSv cloud-init user data (rendered by @edge/osv); equivalent OSv command line:",
        "# --env=LOG_LEVEL=info /app --port=8080",
        "run:",
        '  - PUT: "/env/LOG_LEVEL"',
        '    val: "info"',
        '  - PUT: "/app"',
        '    command: "/app --port=8080"',
        "",
      ].join("\n"),
    );
    expect(fleet.commandLine).toBe("--env=LOG_LEVEL=info /app --port=8080");
  });

  it("flags the exception: a warning, metadata in cdk.tf.json, and the hook the site suppresses EDGE-EC2-1 with", () => {
    expect(warningsOf(stack)).toEqual([
      `[region-hub-dev/app] EDGE_OSV_IMDSV1 at osv.bootMode: OSv user-data boot: IMDSv1 is enabled (http_tokens = "optional") because OSv's cloud-init reads user data without a session token; reason: ${reason}. The policy pack reports EDGE-EC2-1 on the launch template until the site suppresses it with this reason (fleet.imdsV1Exception)`,
    ]);
    const raw = stack.toTerraform() as {
      resource: Record<string, Record<string, Record<string, unknown>>>;
    };
    expect(
      (raw.resource.aws_launch_template["app_launch-template"]["//"] as Record<string, unknown>)
        .edge_osv,
    ).toEqual({
      boot_mode: "user-data",
      http_tokens: "optional",
      imdsv1_reason: reason,
      policy_rule: "EDGE-EC2-1",
    });
    expect(fleet.imdsV1Exception).toEqual({
      ruleId: "EDGE-EC2-1",
      reason,
      resources: [fleet.launchTemplate],
    });
  });

  it("reports the command line in baked mode without putting it in user data", () => {
    const baked = synthFleet({ command });
    expect(baked.fleet.commandLine).toBe("--env=LOG_LEVEL=info /app --port=8080");
    expect(
      resourcesOf(baked.json, "aws_launch_template")["app_launch-template"].user_data,
    ).toBeUndefined();
  });
});

describe("OsvAutoScalingFleet network interfaces and volumes per zone kind", () => {
  it("Wavelength: carrier IP on the interface, gp2 root volume, plan-time offering check", () => {
    const { json } = synthFleet({
      subnets: WL_SUBNETS,
      instanceType: "t3.medium",
      tags: { "edge:dns-name": "edge.example.com" },
    });
    const lt = resourcesOf(json, "aws_launch_template")["app_launch-template"];
    expect(lt.network_interfaces).toEqual([
      {
        device_index: 0,
        security_groups: ["sg-app"],
        delete_on_termination: "true",
        associate_carrier_ip_address: "true",
      },
    ]);
    expect(lt.block_device_mappings[0].ebs.volume_type).toBe("gp2");
    expect(lt.tag_specifications[0].tags["edge:dns-name"]).toBe("edge.example.com");
    expect(
      json.data?.aws_ec2_instance_type_offerings[
        "app_instance-type-offering-us-east-1-wl1-bos-wlz-1"
      ],
    ).toEqual({
      location_type: "availability-zone",
      filter: [
        { name: "location", values: ["us-east-1-wl1-bos-wlz-1"] },
        { name: "instance-type", values: ["t3.medium"] },
      ],
    });
    expect(lt.lifecycle.precondition).toHaveLength(1);
  });

  it("Wavelength: takes the site's newer instance type list over the catalog's", () => {
    const { json } = synthFleet({
      subnets: WL_SUBNETS,
      instanceType: "c5.large",
      allowedInstanceTypes: ["t3.medium", "c5.large"],
    });
    expect(resourcesOf(json, "aws_launch_template")["app_launch-template"].instance_type).toBe(
      "c5.large",
    );
  });

  it("Wavelength without a carrier IP (private tier): a private interface", () => {
    const { json } = synthFleet({
      subnets: WL_SUBNETS,
      instanceType: "t3.medium",
      associateCarrierIpAddress: false,
    });
    const nic = resourcesOf(json, "aws_launch_template")["app_launch-template"]
      .network_interfaces[0];
    expect(nic.associate_carrier_ip_address).toBeUndefined();
    expect(nic.associate_public_ip_address).toBe("false");
  });

  it("Local Zone: private interface and gp2 (gp3 not confirmed there)", () => {
    const { json } = synthFleet({ subnets: LZ_SUBNETS, instanceType: "t3.xlarge" });
    const lt = resourcesOf(json, "aws_launch_template")["app_launch-template"];
    expect(lt.network_interfaces[0].associate_public_ip_address).toBe("false");
    expect(lt.block_device_mappings[0].ebs.volume_type).toBe("gp2");
  });

  it("Outpost: the subnet assigns the customer-owned IP, so the interface sets no IP flag; gp2 and the Outpost's checks", () => {
    const precondition = { condition: "${true}", errorMessage: "outpost homed elsewhere" };
    const { json } = synthFleet({
      subnets: OP_SUBNETS,
      instanceType: "m5.xlarge",
      outpost: { ...OUTPOST, placementPreconditions: [precondition] },
    });
    const lt = resourcesOf(json, "aws_launch_template")["app_launch-template"];
    expect(lt.network_interfaces).toEqual([
      { device_index: 0, security_groups: ["sg-app"], delete_on_termination: "true" },
    ]);
    expect(lt.block_device_mappings[0].ebs.volume_type).toBe("gp2");
    expect(lt.lifecycle.precondition).toEqual([
      { condition: "${true}", error_message: "outpost homed elsewhere" },
    ]);
  });

  it("uses a customer managed key and size for the root volume when given", () => {
    const key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const { json } = synthFleet({ ebsKmsKeyArn: key, rootVolumeSizeGiB: 4 });
    expect(
      resourcesOf(json, "aws_launch_template")["app_launch-template"].block_device_mappings[0].ebs,
    ).toEqual({
      volume_type: "gp3",
      volume_size: 4,
      encrypted: "true",
      kms_key_id: key,
      delete_on_termination: "true",
    });
  });
});

describe("OsvAutoScalingFleet Auto Scaling group", () => {
  const { json } = synthFleet({ minSize: 2, desiredCapacity: 3, maxSize: 6 });
  const group = resourcesOf(json, "aws_autoscaling_group").app_group;

  it("spans the subnets with min <= desired <= max, EC2 health checks and the latest template version", () => {
    expect(group).toMatchObject({
      name: "region-hub-dev-app",
      min_size: 2,
      desired_capacity: 3,
      max_size: 6,
      vpc_zone_identifier: ["subnet-a", "subnet-b"],
      health_check_type: "EC2",
      health_check_grace_period: 60,
      launch_template: {
        id: ref("aws_launch_template", "app_launch-template"),
        version: ref("aws_launch_template", "app_launch-template", "latest_version"),
      },
    });
    expect(group.mixed_instances_policy).toBeUndefined();
    // The group replaces a host whose application exits; the template sets no shutdown behaviour.
    expect(
      resourcesOf(json, "aws_launch_template")["app_launch-template"]
        .instance_initiated_shutdown_behavior,
    ).toBeUndefined();
  });

  it("rolls new template versions through the group with an instance refresh", () => {
    expect(group.instance_refresh).toEqual({
      strategy: "Rolling",
      preferences: { min_healthy_percentage: 90 },
    });
  });

  it("tags the group itself (default_tags do not reach it) without propagating", () => {
    expect(group.tag).toContainEqual({
      key: "managed-by",
      value: "edge-blueprints",
      propagate_at_launch: false,
    });
    expect(
      group.tag.every((t: { propagate_at_launch: boolean }) => t.propagate_at_launch === false),
    ).toBe(true);
  });

  it("has one CPU alarm on the group's average to the fleet's SNS topic, and no recovery alarms or instances", () => {
    expect(resourcesOf(json, "aws_cloudwatch_metric_alarm")).toEqual({
      "app_cpu-alarm": {
        alarm_name: "region-hub-dev-app-cpu",
        alarm_description:
          "Average CPU of the OSv hosts of region-hub-dev-app above 80% for 5 minutes",
        namespace: "AWS/EC2",
        metric_name: "CPUUtilization",
        dimensions: { AutoScalingGroupName: ref("aws_autoscaling_group", "app_group", "name") },
        statistic: "Average",
        period: 60,
        evaluation_periods: 5,
        threshold: 80,
        comparison_operator: "GreaterThanThreshold",
        alarm_actions: [ref("aws_sns_topic", "app_alarm-topic", "arn")],
        ok_actions: [ref("aws_sns_topic", "app_alarm-topic", "arn")],
        treat_missing_data: "missing",
      },
    });
    expect(resourcesOf(json, "aws_sns_topic")).toEqual({
      "app_alarm-topic": { name: "region-hub-dev-app-alarms" },
    });
    expect(resourcesOf(json, "aws_instance")).toEqual({});
    expect(Object.keys(resourcesOf(json, "aws_cloudwatch_metric_alarm"))).toEqual(["app_cpu-alarm"]);
  });

  it("uses ELB health checks behind target groups", () => {
    const { json: j } = synthFleet({
      targetGroupArns: [
        "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/app/0123456789abcdef",
      ],
    });
    expect(resourcesOf(j, "aws_autoscaling_group").app_group).toMatchObject({
      health_check_type: "ELB",
      target_group_arns: [
        "arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/app/0123456789abcdef",
      ],
    });
  });

  it("runs mixed instances with Spot for an interruptible fleet", () => {
    const { json: j } = synthFleet({
      interruptible: true,
      additionalInstanceTypes: ["c5a.large", "m5.large"],
      onDemandBaseCapacity: 1,
      onDemandPercentageAboveBaseCapacity: 25,
      maxSize: 4,
    });
    const g = resourcesOf(j, "aws_autoscaling_group").app_group;
    expect(g.launch_template).toBeUndefined();
    expect(g.capacity_rebalance).toBe(true);
    expect(g.mixed_instances_policy).toEqual({
      instances_distribution: {
        on_demand_base_capacity: 1,
        on_demand_percentage_above_base_capacity: 25,
        on_demand_allocation_strategy: "prioritized",
        spot_allocation_strategy: "price-capacity-optimized",
      },
      launch_template: {
        launch_template_specification: {
          launch_template_id: ref("aws_launch_template", "app_launch-template"),
          version: ref("aws_launch_template", "app_launch-template", "latest_version"),
        },
        override: [
          { instance_type: "c5.large" },
          { instance_type: "c5a.large" },
          { instance_type: "m5.large" },
        ],
      },
    });
  });

  it("runs mixed instance types all on-demand when the fleet is not interruptible", () => {
    const { json: j } = synthFleet({ additionalInstanceTypes: ["m5.large"] });
    const g = resourcesOf(j, "aws_autoscaling_group").app_group;
    expect(g.mixed_instances_policy.instances_distribution).toEqual({
      on_demand_base_capacity: 0,
      on_demand_percentage_above_base_capacity: 100,
      on_demand_allocation_strategy: "prioritized",
    });
    expect(g.capacity_rebalance).toBeUndefined();
  });
});

describe("OsvFixedHosts fixed instances (production)", () => {
  const outpost = { ...OUTPOST };
  const { json, fleet } = synthFixed(
    {
      subnets: OP_SUBNETS,
      outpost,
      instanceType: "m5.xlarge",
      instanceCount: 2,
      placementStrategy: "spread",
      spreadLevel: "host",
    },
    "prod",
    "line",
  );
  const instances = resourcesOf(json, "aws_instance");

  it("keeps the security groups top-level in the template (the instances name their subnet)", () => {
    const lt = resourcesOf(json, "aws_launch_template")["line_launch-template"];
    expect(lt.network_interfaces).toBeUndefined();
    expect(lt.vpc_security_group_ids).toEqual(["sg-app"]);
    expect(lt.disable_api_termination).toBe(true);
    expect(lt.instance_initiated_shutdown_behavior).toBe("stop");
  });

  it("launches each instance from the template with termination protection, stop on shutdown, IMDSv2 and an encrypted root", () => {
    expect(Object.keys(instances)).toEqual(["line_instance-1", "line_instance-2"]);
    expect(instances["line_instance-1"]).toEqual({
      ami: "ami-0123456789abcdef0",
      instance_type: "m5.xlarge",
      launch_template: {
        id: ref("aws_launch_template", "line_launch-template"),
        version: "$Default",
      },
      subnet_id: "subnet-op",
      vpc_security_group_ids: ["sg-app"],
      iam_instance_profile: ref("aws_iam_instance_profile", "line_instance-profile", "name"),
      monitoring: true,
      disable_api_termination: true,
      instance_initiated_shutdown_behavior: "stop",
      metadata_options: {
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      },
      root_block_device: { volume_type: "gp2", encrypted: true, delete_on_termination: true },
      placement_group: ref("aws_placement_group", "line_placement-group", "name"),
      tags: { Name: "region-hub-prod-line-1" },
    });
  });

  it("creates a host-level spread placement group on the Outpost", () => {
    expect(resourcesOf(json, "aws_placement_group")["line_placement-group"]).toEqual({
      name: "region-hub-prod-line",
      strategy: "spread",
      spread_level: "host",
      tags: { Name: "region-hub-prod-line" },
    });
  });

  it("adds an auto-recovery alarm per instance: StatusCheckFailed_System -> arn:aws:automate:<region>:ec2:recover", () => {
    const alarms = resourcesOf(json, "aws_cloudwatch_metric_alarm");
    expect(alarms["line_recovery-alarm-2"]).toEqual({
      alarm_name: "region-hub-prod-line-recover-2",
      alarm_description: "Recover region-hub-prod-line-2 when its system status check fails",
      namespace: "AWS/EC2",
      metric_name: "StatusCheckFailed_System",
      dimensions: { InstanceId: ref("aws_instance", "line_instance-2") },
      statistic: "Maximum",
      period: 60,
      evaluation_periods: 2,
      threshold: 1,
      comparison_operator: "GreaterThanOrEqualToThreshold",
      alarm_actions: [
        "arn:aws:automate:us-east-1:ec2:recover",
        ref("aws_sns_topic", "line_alarm-topic", "arn"),
      ],
      ok_actions: [ref("aws_sns_topic", "line_alarm-topic", "arn")],
      treat_missing_data: "missing",
    });
    expect(fleet.recoveryAlarms).toHaveLength(2);
  });

  it("has one CPU alarm for the fleet: the busiest instance, by metric math", () => {
    const cpu = resourcesOf(json, "aws_cloudwatch_metric_alarm")["line_cpu-alarm"];
    expect(cpu.metric_query.at(-1)).toEqual({
      id: "busiest",
      expression: "MAX([cpu1, cpu2])",
      label: "CPU of the busiest host",
      return_data: true,
    });
    expect(cpu.metric_query[0]).toEqual({
      id: "cpu1",
      return_data: false,
      metric: {
        namespace: "AWS/EC2",
        metric_name: "CPUUtilization",
        dimensions: { InstanceId: ref("aws_instance", "line_instance-1") },
        period: 60,
        stat: "Average",
      },
    });
    expect(cpu.metric_name).toBeUndefined();
  });

  it("round-robins instances over subnets and numbers partitions in a partition group", () => {
    const { json: j } = synthFixed({
      instanceCount: 3,
      placementStrategy: "partition",
      partitionCount: 2,
    });
    const inst = resourcesOf(j, "aws_instance");
    expect(Object.values(inst).map((i) => [i.subnet_id, i.placement_partition_number])).toEqual([
      ["subnet-a", 1],
      ["subnet-b", 2],
      ["subnet-a", 1],
    ]);
    expect(resourcesOf(j, "aws_placement_group")["app_placement-group"]).toMatchObject({
      strategy: "partition",
      partition_count: 2,
    });
  });

  it("defaults to no termination protection in development", () => {
    const { json: j } = synthFixed();
    expect(resourcesOf(j, "aws_instance")["app_instance-1"].disable_api_termination).toBe(false);
  });

  it("marks the template and every instance in user-data mode", () => {
    const { fleet: f } = synthFixed({
      bootMode: "user-data",
      command: { program: "/app" },
      imdsV1Reason: "image predates baked command lines",
    });
    expect(f.imdsV1Exception?.resources).toEqual([f.launchTemplate, ...f.instances]);
  });
});

describe("OsvAutoScalingFleet placement groups", () => {
  it("uses an existing placement group by name (e.g. an @edge/outposts SpreadPlacementGroup)", () => {
    const { json } = synthFleet({ placementGroupName: "region-hub-dev-controllers" });
    expect(resourcesOf(json, "aws_launch_template")["app_launch-template"].placement).toEqual({
      group_name: "region-hub-dev-controllers",
    });
    expect(resourcesOf(json, "aws_placement_group")).toEqual({});
  });

  it("creates a cluster group for a one-zone fleet", () => {
    const { json } = synthFleet({ subnets: [AZ_SUBNETS[0]], placementStrategy: "cluster" });
    expect(resourcesOf(json, "aws_placement_group")["app_placement-group"]).toEqual({
      name: "region-hub-dev-app",
      strategy: "cluster",
      tags: { Name: "region-hub-dev-app" },
    });
    expect(resourcesOf(json, "aws_launch_template")["app_launch-template"].placement).toEqual({
      group_name: ref("aws_placement_group", "app_placement-group", "name"),
    });
  });
});

describe("OsvAutoScalingFleet instance profile", () => {
  const secretKey = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  const { json } = synthFleet({
    configBucket: "edge-config",
    secretPathPrefix: "edge/region-hub/dev/app/",
    secretKmsKeyArn: secretKey,
  });
  const policy = JSON.parse(resourcesOf(json, "aws_iam_role_policy")["app_role-policy"].policy);

  it("trusts EC2 and is the instance profile's role", () => {
    expect(
      JSON.parse(resourcesOf(json, "aws_iam_role").app_role.assume_role_policy).Statement,
    ).toEqual([
      { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
    ]);
    expect(resourcesOf(json, "aws_iam_instance_profile")["app_instance-profile"]).toEqual({
      name: "region-hub-dev-app",
      role: ref("aws_iam_role", "app_role", "name"),
    });
  });

  it("grants s3:GetObject under the config prefix, GetSecretValue under the secret path, kms:Decrypt via Secrets Manager and PutMetricData in its namespace", () => {
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadConfig",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: "arn:aws:s3:::edge-config/region-hub-dev-app/*",
      },
      {
        Sid: "ReadSecrets",
        Effect: "Allow",
        Action: ["secretsmanager:GetSecretValue"],
        Resource: "arn:aws:secretsmanager:us-east-1:111111111111:secret:edge/region-hub/dev/app/*",
      },
      {
        Sid: "DecryptSecrets",
        Effect: "Allow",
        Action: ["kms:Decrypt"],
        Resource: secretKey,
        Condition: { StringEquals: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } },
      },
      {
        Sid: "PublishMetrics",
        Effect: "Allow",
        Action: ["cloudwatch:PutMetricData"],
        Resource: "*",
        Condition: { StringEquals: { "cloudwatch:namespace": "Edge/OSv/region-hub-dev-app" } },
      },
    ]);
  });

  it("allows no * action and scopes every statement to a resource or a condition", () => {
    const statements = policy.Statement as Statement[];
    expect(statements.flatMap((s) => s.Action).filter((a) => a.includes("*"))).toEqual([]);
    expect(statements.filter((s) => s.Resource === "*" && s.Condition === undefined)).toEqual([]);
  });

  it("grants only PutMetricData when no config or secrets are declared", () => {
    const { json: j } = synthFleet();
    const p = JSON.parse(resourcesOf(j, "aws_iam_role_policy")["app_role-policy"].policy);
    expect(p.Statement.map((s: Statement) => s.Sid)).toEqual(["PublishMetrics"]);
  });

  it("gets the environment's permissions boundary in production", () => {
    const { json: j } = synthFleet({}, "prod");
    expect(resourcesOf(j, "aws_iam_role").app_role.permissions_boundary).toBe(
      "arn:aws:iam::333333333333:policy/edge-blueprints-boundary",
    );
  });
});

describe("OsvAutoScalingFleet with an existing AMI", () => {
  it("checks ENA support and architecture at plan time for Nitro types", () => {
    const stack = testStack({ site: "region-hub" });
    const image = new OsvImage(stack, "image", { amiId: "ami-0123456789abcdef0" });
    new OsvAutoScalingFleet(stack, "app", { ...BASE, image, instanceType: "m5.large" });
    const json = synthJson(stack);
    expect(json.data?.aws_ami["app_image-check"]).toEqual({
      filter: [{ name: "image-id", values: ["ami-0123456789abcdef0"] }],
      lifecycle: {
        postcondition: [
          {
            condition: "${self.ena_support == true}",
            error_message:
              "AMI ami-0123456789abcdef0 is registered without ENA support, and Nitro instance types (m5.large) need it: register the AMI with ena_support = true (OsvImage does) from an OSv build with the ENA driver, or use a Xen type such as t2.",
          },
          {
            condition: '${self.architecture == "x86_64"}',
            error_message:
              "AMI ami-0123456789abcdef0 is not x86_64: OSv runs on EC2 as x86_64 only (osv#1295).",
          },
        ],
      },
    });
    expect(resourcesOf(json, "aws_launch_template")["app_launch-template"].depends_on).toEqual([
      "data.aws_ami.app_image-check",
    ]);
  });

  it("needs no ENA check for Xen types", () => {
    const { json } = synthFleet({
      image: { imageId: "ami-0123456789abcdef0" },
      instanceType: "t2.micro",
    });
    expect(json.data?.aws_ami).toBeUndefined();
  });
});

describe("OsvHostSecurityGroup", () => {
  it("admits the application port from declared sources, SSH from the Instance Connect Endpoint only, HTTPS out", () => {
    const stack = testStack({ site: "region-hub" });
    const sg = new OsvHostSecurityGroup(stack, "app-hosts", {
      vpcId: "vpc-1",
      appPort: 8080,
      appSourceCidrs: ["10.10.0.0/22"],
      appSourceSecurityGroupIds: ["sg-lb"],
      sshSourceSecurityGroupId: "sg-ice",
    });
    const json = synthJson(stack);
    const sgRef = ref("aws_security_group", "app-hosts_security-group");
    expect(resourcesOf(json, "aws_security_group")["app-hosts_security-group"]).toEqual({
      name: "region-hub-dev-app-hosts",
      description:
        "OSv hosts: tcp/8080 from declared sources, ssh from the instance connect endpoint only",
      vpc_id: "vpc-1",
      tags: { Name: "region-hub-dev-app-hosts" },
    });
    expect(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).toEqual({
      "app-hosts_app-ingress-cidr-0": {
        security_group_id: sgRef,
        ip_protocol: "tcp",
        from_port: 8080,
        to_port: 8080,
        description: "Application tcp/8080 from 10.10.0.0/22",
        cidr_ipv4: "10.10.0.0/22",
      },
      "app-hosts_app-ingress-sg-0": {
        security_group_id: sgRef,
        ip_protocol: "tcp",
        from_port: 8080,
        to_port: 8080,
        description: "Application tcp/8080 from a declared security group",
        referenced_security_group_id: "sg-lb",
      },
      "app-hosts_ssh-ingress": {
        security_group_id: sgRef,
        description: "SSH from the EC2 Instance Connect Endpoint only",
        ip_protocol: "tcp",
        from_port: 22,
        to_port: 22,
        referenced_security_group_id: "sg-ice",
      },
    });
    expect(
      resourcesOf(json, "aws_vpc_security_group_egress_rule")["app-hosts_https-egress"],
    ).toMatchObject({
      ip_protocol: "tcp",
      from_port: 443,
      to_port: 443,
      cidr_ipv4: "0.0.0.0/0",
    });
    expect(Object.keys(sg.appIngressRules)).toEqual(["cidr-0", "sg-0"]);
  });
});

describe("OsvLaunchTemplate on its own, and the split fleets' rules", () => {
  it("creates the template, its role and profile, and no hosts or alarms", () => {
    const stack = testStack({ site: "region-hub", env: "dev" });
    const { minSize: _min, maxSize: _max, ...props } = BASE;
    const template = new OsvLaunchTemplate(stack, "tpl", props);
    const json = synthJson(stack);
    expect(Object.keys(resourcesOf(json, "aws_launch_template"))).toEqual(["tpl_launch-template"]);
    expect(resourcesOf(json, "aws_launch_template")["tpl_launch-template"].network_interfaces).toEqual([
      expect.objectContaining({ security_groups: ["sg-app"], associate_public_ip_address: "false" }),
    ]);
    expect(resourcesOf(json, "aws_iam_instance_profile")["tpl_instance-profile"]).toBeDefined();
    expect(resourcesOf(json, "aws_autoscaling_group")).toEqual({});
    expect(resourcesOf(json, "aws_instance")).toEqual({});
    expect(resourcesOf(json, "aws_cloudwatch_metric_alarm")).toEqual({});
    expect(template.imdsV1Exception).toBeUndefined();
  });

  it("reports the group's errors and the template's at once", () => {
    const errors = configErrors(() =>
      synthFleet({ instanceType: "c7g.large", minSize: 3, maxSize: 2 }),
    );
    expect(errors.map((e) => [e.code, e.path, e.constructPath])).toEqual([
      ["EDGE_OSV_ASG_SIZE", "osv.minSize", "region-hub-dev/app"],
      ["EDGE_OSV_ARCH", "osv.instanceType", "region-hub-dev/app"],
    ]);
  });

  it("reports the fixed hosts' errors, the alarms' and the template's at once", () => {
    const errors = configErrors(() =>
      synthFixed({ instanceCount: 0, cpuAlarmThresholdPercent: 0, securityGroupIds: [] }),
    );
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ["EDGE_CONFIG_VALUE", "osv.instanceCount"],
      ["EDGE_CONFIG_VALUE", "osv.cpuAlarmThresholdPercent"],
      ["EDGE_OSV_SECURITY_GROUPS", "osv.securityGroupIds"],
    ]);
  });
});

describe("OSv fleets' network needs", () => {
  // Synth proves a path for each service the hosts' role lets them call (@edge/core reachability).
  it("declare the services their role calls: CloudWatch always, S3, Secrets Manager and KMS when granted", () => {
    expect(declaredNeedsOf(synthFleet().fleet).map((n) => n.calls)).toEqual([[{ service: "monitoring" }]]);
    const granted = synthFixed({
      configBucket: "edge-config",
      secretPathPrefix: "edge/region-hub/dev/app/",
      secretKmsKeyArn: "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    });
    expect(declaredNeedsOf(granted.fleet).map((n) => n.calls)).toEqual([
      [{ service: "monitoring" }, { service: "s3" }, { service: "secretsmanager" }, { service: "kms" }],
    ]);
  });

  it("declare nothing for a template on its own (it holds no hosts)", () => {
    const stack = testStack({ site: "region-hub", env: "dev" });
    const { minSize: _min, maxSize: _max, ...props } = BASE;
    expect(declaredNeedsOf(new OsvLaunchTemplate(stack, "tpl", props))).toEqual([]);
  });
});

