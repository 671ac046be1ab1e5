import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { IAspect } from "cdktf";
import type { IConstruct } from "constructs";

/**
 * Sets `permissions_boundary` on every `aws_iam_role` of the stack, so no role the stack creates
 * can exceed the boundary the account owner set (AWS Security Blog, "How to secure CDK
 * deployments with IAM permission boundaries"). A role that names a different boundary keeps it.
 */
export class PermissionsBoundaryAspect implements IAspect {
  constructor(private readonly policyArn: string) {}

  visit(node: IConstruct): void {
    if (node instanceof IamRole && node.permissionsBoundaryInput === undefined) {
      node.permissionsBoundary = this.policyArn;
    }
  }
}
