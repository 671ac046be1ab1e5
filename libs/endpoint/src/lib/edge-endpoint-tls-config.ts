import type { EdgeEndpointTls } from "./edge-endpoint-props";

/** An edge endpoint's TLS as a site's config states it (the `edgeEndpoint` entry of the sites). */
export interface EdgeEndpointTlsConfig {
  /**
   * An existing ACM or IAM server certificate for the listener.
   * @default - none
   */
  readonly certificateArn?: string;
  /**
   * A certificate the endpoint requests for `domainName`, validated by DNS in `hostedZoneId`.
   * @default - none
   */
  readonly tls?: {
    readonly domainName: string;
    readonly hostedZoneId: string;
    /** @default EdgeEndpoint's EDGE_TLS_POLICY */
    readonly sslPolicy?: string;
    /** @default EdgeEndpoint's default (80 on an ALB, none on an NLB) */
    readonly httpRedirectPort?: number | false;
  };
}

/**
 * The `tls` props of `EdgeEndpoint` for a site's config: the given certificate ARN and the
 * certificate to request with its policy and redirect port, or `undefined` (a plaintext
 * listener) when the config gives neither. Giving both is left to EdgeEndpoint to reject
 * (EDGE_LB_CERTIFICATE, at `<configPath>.certificateArn`).
 */
export function edgeEndpointTls(config: EdgeEndpointTlsConfig): EdgeEndpointTls | undefined {
  const { certificateArn, tls } = config;
  if (certificateArn === undefined && tls === undefined) return undefined;
  return {
    certificateArn,
    ...(tls
      ? {
          certificate: { domainName: tls.domainName, hostedZoneId: tls.hostedZoneId },
          sslPolicy: tls.sslPolicy,
          httpRedirectPort: tls.httpRedirectPort,
        }
      : {}),
  };
}
