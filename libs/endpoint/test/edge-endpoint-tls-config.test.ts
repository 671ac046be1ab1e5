import { edgePolicyPack } from "@edge/policy";
import { configError, resourcesOf, synthJson, testStack } from "@edge/core/testing";
import { EDGE_TLS_POLICY, EdgeEndpoint, edgeEndpointTls, type EdgeEndpointTlsConfig } from "../src";

const CERT = "arn:aws:acm:us-east-1:111111111111:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d";
const REQUEST = { domainName: "edge.example.com", hostedZoneId: "Z0123456789ABCDEFGHIJ" };

/** An ALB in the Boston Local Zone with the `tls` a site's config maps to. */
function synthAlb(config: EdgeEndpointTlsConfig) {
  const stack = testStack({ site: "test-site", policy: edgePolicyPack });
  new EdgeEndpoint(stack, "edge-endpoint", {
    vpcId: "vpc-1",
    subnets: [{ subnetId: "subnet-bos", zone: "us-east-1-bos-1a" }],
    targetPort: 8080,
    port: 443,
    publicPortReason: "tcp/443 is the site's public edge endpoint, weighted by global DNS",
    plaintextReason: "a test endpoint without TLS, for the mapping of a config without it",
    tls: edgeEndpointTls(config),
    configPath: "environments.dev.edgeEndpoint",
  }).connectTargets("sg-hosts");
  return synthJson(stack);
}

describe("edgeEndpointTls", () => {
  it("is undefined (a plaintext listener) when the config gives no certificate", () => {
    expect(edgeEndpointTls({})).toBeUndefined();
    expect(resourcesOf(synthAlb({}), "aws_lb_listener")["edge-endpoint_listener"].protocol).toBe(
      "HTTP",
    );
  });

  it("uses a given certificate ARN", () => {
    expect(edgeEndpointTls({ certificateArn: CERT })).toEqual({ certificateArn: CERT });
    // aws_lb_listener: certificate_arn and ssl_policy "Required if protocol is HTTPS or TLS"
    // (Terraform AWS provider docs).
    expect(
      resourcesOf(synthAlb({ certificateArn: CERT }), "aws_lb_listener")["edge-endpoint_listener"],
    ).toMatchObject({
      protocol: "HTTPS",
      certificate_arn: CERT,
      ssl_policy: EDGE_TLS_POLICY,
    });
  });

  it("requests the certificate `tls` names, with its policy and redirect port", () => {
    const tls = edgeEndpointTls({
      tls: { ...REQUEST, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", httpRedirectPort: 8081 },
    });
    expect(tls).toEqual({
      certificateArn: undefined,
      certificate: REQUEST,
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      httpRedirectPort: 8081,
    });
    const json = synthAlb({ tls: { ...REQUEST, httpRedirectPort: 8081 } });
    expect(resourcesOf(json, "aws_acm_certificate")["edge-endpoint_certificate"]).toMatchObject({
      domain_name: "edge.example.com",
      validation_method: "DNS",
    });
    expect(resourcesOf(json, "aws_lb_listener")["edge-endpoint_http-redirect"]).toMatchObject({
      port: 8081,
      protocol: "HTTP",
    });
  });

  it("leaves both at once to EdgeEndpoint, which rejects the ARN written beside the certificate to request", () => {
    const err = configError(() => synthAlb({ certificateArn: CERT, tls: REQUEST }));
    expect(err.code).toBe("EDGE_LB_CERTIFICATE");
    expect(err.path).toBe("environments.dev.edgeEndpoint.certificateArn");
    expect(err.value).toBe(CERT);
    expect(err.message).toContain("both a certificate ARN and a certificate to request");
  });
});
