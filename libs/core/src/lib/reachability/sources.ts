/**
 * The documents each path rule rests on. Quoted where the wording decides the rule; every
 * failure of the proof names its source.
 */
export const PATH_SOURCES = {
  carrierGateway:
    'https://docs.aws.amazon.com/wavelength/latest/developerguide/how-wavelengths-work.html ("A carrier gateway serves two purposes. It allows inbound traffic from a carrier network in a specific location, and it allows outbound traffic to the carrier network and internet. There is no inbound connection configuration from the internet to a Wavelength Zone through the carrier gateway.")',
  carrierIp:
    'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-wavelength.html ("When you launch an EC2 instance in a subnet in a Wavelength Zone, you assign a carrier IP address to it. The carrier gateway uses the address for traffic from the interface to the internet, or mobile devices")',
  serviceLink:
    'https://docs.aws.amazon.com/outposts/latest/server-userguide/service-links.html (the service link "is used for ... Traffic between the Outpost and any associated VPCs"); AWS Outposts High Availability Design and Architecture Considerations whitepaper (routes from Outpost subnets to Region targets such as a NAT gateway use the service link)',
  gatewayEndpoint:
    'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html ("Each subnet route table must have a route that sends traffic destined for the service to the gateway endpoint")',
  localZoneRouting:
    'https://docs.aws.amazon.com/vpc/latest/userguide/local-zone.html ("The Local Zone subnets follow the same routing rules as Availability Zone subnets, including route tables")',
  localZoneEndpoints:
    'https://docs.aws.amazon.com/vpc/latest/userguide/Extend_VPCs.html ("You cannot create VPC endpoints inside Local Zone subnets")',
  internetGateway:
    'https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html ("You can make a subnet a public subnet by adding a route in your subnet route table to an internet gateway")',
  natGateway:
    'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNatGateway.html ("With a public NAT gateway, internet-bound traffic from a private subnet can be routed to the NAT gateway")',
  localGateway:
    "https://docs.aws.amazon.com/vpc/latest/userguide/route-table-options.html#route-tables-lgw (routing to an AWS Outposts local gateway: on-premises destinations in the Outpost subnet's route table)",
  subnetRouteTable:
    "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html (each subnet is associated with one route table; a subnet with no explicit association uses the VPC's main route table)",
  lambdaNetwork:
    "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html (a function not attached to a VPC runs in a Lambda-owned VPC with access to AWS services and the internet)",
} as const;
