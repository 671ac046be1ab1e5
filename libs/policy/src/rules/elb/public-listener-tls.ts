import { blocksOf, boolOf, referenceOf, stringOf, UNKNOWN } from "../../lib/private/values";
import {
  compliant,
  defineStackRule,
  nonCompliant,
  notApplicable,
  type AddressedOutcome,
} from "../../lib/rule";

const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"];
const LB_TYPES = ["aws_lb", "aws_alb"];
const ENCRYPTED = ["HTTPS", "TLS"];

/**
 * EDGE-ELB-1: listeners of internet-facing load balancers speak HTTPS or TLS, or redirect HTTP to
 * HTTPS. A listener without `protocol` is HTTP on an ALB (Terraform AWS provider, aws_lb_listener:
 * "protocol ... Defaults to HTTP" for Application Load Balancers).
 */
export const publicListenerTls = defineStackRule({
  id: "EDGE-ELB-1",
  level: "error",
  checkov: ["CKV_AWS_2", "CKV2_AWS_20"],
  info: "listeners of internet-facing load balancers serve HTTPS or TLS, or redirect HTTP to HTTPS",
  explanation:
    "A plaintext listener on an internet-facing load balancer carries every request and response readable and alterable by anyone on the path between the client and the edge. Listeners speak HTTPS (ALB) or TLS (NLB) with an ACM certificate and a TLS 1.3 security policy; an HTTP listener whose default action redirects to HTTPS is compliant. Internal load balancers are out of scope. A development environment may keep a plaintext listener by declaring it: a suppression with the reason",
  fix: "give the endpoint TLS (EdgeEndpoint tls: a certificate for its name in the site's hosted zone, or a certificate ARN), and redirect HTTP to HTTPS on an ALB",
  check(stack) {
    const lbs = new Map(
      stack.blocks
        .filter((b) => b.mode === "managed" && LB_TYPES.includes(b.type))
        .map((b) => [b.address, b]),
    );
    return stack.blocks
      .filter((b) => b.mode === "managed" && LISTENER_TYPES.includes(b.type))
      .map((listener): AddressedOutcome => {
        const judge = (outcome: AddressedOutcome["outcome"]) => ({
          address: listener.address,
          outcome,
        });
        const ref = referenceOf(listener.config.load_balancer_arn);
        const lb = ref ? lbs.get(ref.address) : undefined;
        if (!lb)
          return judge(notApplicable("the listener's load balancer is not created by this stack"));
        const internal = boolOf(lb.config.internal);
        if (internal === UNKNOWN)
          return judge(
            notApplicable(`whether ${lb.address} is internal is only known at apply time`),
          );
        if (internal === true) return judge(compliant());
        const protocol = stringOf(listener.config.protocol) ?? "HTTP";
        if (protocol === UNKNOWN)
          return judge(notApplicable("the listener's protocol is only known at apply time"));
        if (ENCRYPTED.includes(protocol.toUpperCase())) return judge(compliant());
        const port = stringOf(listener.config.port);
        const on = port === UNKNOWN || port === undefined ? "" : ` on port ${port}`;
        if (protocol.toUpperCase() === "HTTP") {
          const actions = blocksOf(listener.config, "default_action");
          if (actions === UNKNOWN)
            return judge(
              notApplicable("the listener's default action is only known at apply time"),
            );
          const redirects = actions.some((a) => {
            if (stringOf(a.type) !== "redirect") return false;
            const redirect = blocksOf(a, "redirect");
            return redirect !== UNKNOWN && redirect.some((r) => stringOf(r.protocol) === "HTTPS");
          });
          if (redirects) return judge(compliant());
        }
        return judge(
          nonCompliant(
            `the listener${on} speaks plaintext ${protocol} to internet clients of ${lb.address} (internal = false)${protocol.toUpperCase() === "HTTP" ? " and does not redirect to HTTPS" : ""}`,
          ),
        );
      });
  },
});
