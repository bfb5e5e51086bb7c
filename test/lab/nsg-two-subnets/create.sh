#!/usr/bin/env bash
# Two node pools in two subnets of one VNet; the NSG of subnet "pool-b" denies TCP 8080 from subnet "pool-a" (and
# only that). Azure CNI (node subnet), so pods take addresses of their node's subnet.
set -euo pipefail

az network vnet create -g rg -n vnet --address-prefixes 10.20.0.0/16 --subnet-name pool-a --subnet-prefixes 10.20.1.0/24
az network vnet subnet create -g rg --vnet-name vnet -n pool-b --address-prefixes 10.20.2.0/24

az network nsg create -g rg -n nsg-b
az network nsg rule create -g rg --nsg-name nsg-b -n deny-a-8080 --priority 100 --direction Inbound --access Deny \
  --protocol Tcp --source-address-prefixes 10.20.1.0/24 --source-port-ranges '*' \
  --destination-address-prefixes '*' --destination-port-ranges 8080
az network vnet subnet update -g rg --vnet-name vnet -n pool-b --network-security-group nsg-b

SUBNET_A=/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pool-a
SUBNET_B=/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/pool-b

az aks create -g rg -n lab --network-plugin azure --network-policy azure --vnet-subnet-id "$SUBNET_A" \
  --nodepool-name poola --node-count 1 --max-pods 10 \
  --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10
az aks nodepool add -g rg --cluster-name lab -n poolb --node-count 1 --max-pods 10 --vnet-subnet-id "$SUBNET_B"
