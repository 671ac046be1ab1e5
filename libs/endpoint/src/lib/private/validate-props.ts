import { ConfigCheck, EdgeStack, parseZone, type Zone } from "@edge/core";
import type { EdgeEndpointProps, EdgeLoadBalancerType } from "../edge-endpoint-props";

/** The props after their cross-field and zone rules. */
export interface EndpointSettings {
  readonly type: EdgeLoadBalancerType;
  readonly zones: readonly Zone[];
  /** Port of the ALB's HTTP listener that redirects to HTTPS; undefined for none. */
  readonly httpRedirectPort?: number;
}

// ACM certificate ARNs: arn:<partition>:acm:<region>:<account>:certificate/<uuid>.
const ACM_CERTIFICATE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;
// IAM server certificate ARNs: arn:<partition>:iam::<account>:server-certificate/<path/><name>.
const IAM_SERVER_CERTIFICATE = /^arn:aws[a-z-]*:iam::\d{12}:server-certificate\/[\w+=,.@/-]+$/;

/**
 * The endpoint's rules: shapes (port ranges, path formats) are the site schema's; here the zone
 * rules and the rules that tie one prop to another or to the stack. Every error at once.
 */
export function validateEndpointProps(stack: EdgeStack, props: EdgeEndpointProps): EndpointSettings {
  const path = props.configPath ?? "edgeEndpoint";
  const region = stack.environment.region;
  const check = new ConfigCheck();
  const zones: Zone[] = [];
  const zonePath = (i: number) => props.subnets[i].configPath ?? `${path}.subnets[${i}].zone`;

  check.expect(props.subnets.length > 0, {
    code: "EDGE_ENDPOINT_ZONES",
    path: `${path}.subnets`,
    value: [],
    problem: "the load balancer has no subnet",
    fix: "give one public subnet per zone the endpoint serves from",
  });
  props.subnets.forEach((s, i) =>
    check.collect(() =>
      zones.push(
        parseZone(s.zone, { region, path: zonePath(i), kinds: ["availability-zone", "local-zone"] }),
      ),
    ),
  );
  check.throwIfFailed();

  // Where the zones are written: the list the subnets' config paths index (a site's
  // `vpc.availabilityZones`), whose value is the zone names; else the subnets prop.
  const first = zonePath(0);
  const listPath = /\[0\]$/.test(first) && props.subnets.every((_, i) => zonePath(i) === first.replace(/\[0\]$/, `[${i}]`))
    ? first.replace(/\[0\]$/, "")
    : `${path}.subnets`;
  const local = zones.some((z) => z.kind === "local-zone");
  // "You can't enable both an Availability Zone and a Local Zone" (ELB ALB guide, "Subnets for
  // your load balancer").
  check.expect(!local || zones.every((z) => z.kind === "local-zone"), {
    code: "EDGE_ENDPOINT_ZONES",
    path: listPath,
    value: zones.map((z) => z.name),
    problem: "one load balancer cannot span availability zones and Local Zones",
    fix: "give the Local Zone subnets only, or the availability zone subnets only",
  });
  // "You can specify only one subnet per Availability Zone" (ELB API CreateLoadBalancer, Subnets).
  zones.forEach((z, i) =>
    check.expect(zones.findIndex((o) => o.name === z.name) === i, {
      code: "EDGE_ENDPOINT_ZONES",
      path: zonePath(i),
      value: z.name,
      problem: `a second subnet in ${z.name}`,
      fix: "give one subnet per zone",
    }),
  );
  const type = props.loadBalancerType ?? (local ? "application" : "network");
  // The reason becomes the EDGE-ELB-1 suppression's reason, which the policy pack requires to say
  // why (at least 10 characters): checked here, at the config path the user wrote it in.
  const reason = props.plaintextReason;
  check.expect(reason === undefined || reason.trim().length >= 10, {
    code: "EDGE_ENDPOINT_PLAINTEXT_REASON",
    path: `${path}.plaintextReason`,
    value: reason,
    problem: "a plaintext listener is declared without a reason of at least 10 characters",
    fix: 'say why clients may speak plaintext here, such as "dev endpoint, no client data", or give the endpoint TLS',
  });

  if (type === "network") {
    // NLBs are not offered in every kind of zone (zone catalog, networkLoadBalancer).
    zones.forEach((z, i) =>
      check.collect(() => stack.catalog.requireFeature(z, "networkLoadBalancer", zonePath(i))),
    );
    for (const option of ["healthCheckPath", "accessLogs"] as const) {
      check.expect(props[option] === undefined, {
        code: "EDGE_ENDPOINT_OPTION",
        path: `${path}.${option}`,
        value: props[option],
        problem: `${option} applies to Application Load Balancers; this endpoint is a Network Load Balancer, which checks TCP connections and logs TLS listeners only`,
        fix: `remove ${option}`,
      });
    }
  } else if (!local) {
    // "[Application Load Balancers] You must specify subnets from at least two Availability
    // Zones" (ELB API CreateLoadBalancer, Subnets).
    check.expect(zones.length >= 2, {
      code: "EDGE_ENDPOINT_ZONES",
      path: listPath,
      value: zones.map((z) => z.name),
      problem: "an Application Load Balancer in availability zones needs subnets in at least two of them",
      fix: "add a public subnet in a second availability zone",
    });
  }
  const tls = props.tls;
  let httpRedirectPort: number | undefined;
  if (tls !== undefined) {
    const given = [tls.certificateArn, tls.certificate].filter((c) => c !== undefined).length;
    // Printed at the value written: the TLS settings when they name no certificate, the ARN when
    // a certificate to request is named too.
    check.expect(given === 1, {
      code: "EDGE_LB_CERTIFICATE",
      path: given === 0 ? `${path}.tls` : `${path}.certificateArn`,
      value: given === 0 ? tls : tls.certificateArn,
      problem:
        given === 0
          ? "TLS without a certificate"
          : `both a certificate ARN and a certificate to request for ${tls.certificate?.domainName} (${path}.tls)`,
      fix: "give certificateArn (an existing ACM or IAM server certificate) or certificate (a name and the hosted zone that validates it), not both",
    });
    const arn = tls.certificateArn;
    // A listener takes a certificate from ACM in the load balancer's Region, or an IAM server
    // certificate ("You can use certificates from ACM or IAM", ELB ALB guide, "SSL certificates").
    if (arn !== undefined && !IAM_SERVER_CERTIFICATE.test(arn)) {
      const certRegion = ACM_CERTIFICATE.exec(arn)?.[1];
      // A load balancer's certificate comes from ACM in the load balancer's region.
      check.expect(certRegion === region, {
        code: "EDGE_LB_CERTIFICATE",
        path: `${path}.certificateArn`,
        value: arn,
        problem:
          certRegion === undefined
            ? "not an ACM or IAM server certificate ARN"
            : `the certificate is in ${certRegion}, not in the stack's region ${region}`,
        fix: `give the ARN of an ACM certificate in ${region} (arn:aws:acm:${region}:<account>:certificate/<uuid>) or of an IAM server certificate (arn:aws:iam::<account>:server-certificate/<name>)`,
      });
    }
    const port = props.port ?? props.targetPort;
    const redirect = tls.httpRedirectPort;
    if (type === "network") {
      check.expect(redirect === undefined || redirect === false, {
        code: "EDGE_ENDPOINT_OPTION",
        path: `${path}.tls.httpRedirectPort`,
        value: redirect,
        problem:
          "a Network Load Balancer cannot redirect: it forwards TCP and TLS connections and has no HTTP actions",
        fix: "remove httpRedirectPort",
      });
    } else if (redirect !== false) {
      httpRedirectPort = redirect ?? (port === 80 ? undefined : 80);
      check.expect(httpRedirectPort !== port, {
        code: "EDGE_ENDPOINT_OPTION",
        path: `${path}.tls.httpRedirectPort`,
        value: redirect,
        problem: `the redirect listener and the HTTPS listener both want tcp/${port}`,
        fix: "give the redirect another port (80), or false for none",
      });
    }
  }
  check.throwIfFailed();
  return { type, zones, ...(httpRedirectPort !== undefined ? { httpRedirectPort } : {}) };
}
