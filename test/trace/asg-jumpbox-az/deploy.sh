#!/usr/bin/env bash
# The ASG jumpbox scenario of test/trace/asg-jumpbox as an az script: a jumpbox VM whose NIC is in asg-jumpbox may
# SSH to the nodes of a pool in asg-nodes; the build agent is in no ASG; the jumpbox NIC has its own NSG.
set -euo pipefail

az group create --name net --location westeurope
az group create --name aks --location westeurope

az network vnet create --resource-group net --name vnet-hub --address-prefixes 10.30.0.0/16
az network asg create --resource-group net --name asg-jumpbox
az network asg create --resource-group net --name asg-nodes

az network nsg create --resource-group net --name nsg-nodes
az network nsg rule create --resource-group net --nsg-name nsg-nodes --name allow-ssh-from-jumpbox \
    --priority 100 --direction Inbound --access Allow --protocol Tcp \
    --source-asgs asg-jumpbox --source-port-ranges '*' \
    --destination-asgs asg-nodes --destination-port-ranges 22
az network nsg rule create --resource-group net --nsg-name nsg-nodes --name deny-ssh \
    --priority 200 --direction Inbound --access Deny --protocol Tcp \
    --source-address-prefixes VirtualNetwork --source-port-ranges '*' \
    --destination-address-prefixes '*' --destination-port-ranges 22

az network nsg create --resource-group net --name nsg-jumpbox
az network nsg rule create --resource-group net --nsg-name nsg-jumpbox --name deny-ssh-from-vnet \
    --priority 300 --direction Inbound --access Deny --protocol Tcp \
    --source-address-prefixes VirtualNetwork --source-port-ranges '*' \
    --destination-address-prefixes '*' --destination-port-ranges 22

az network vnet subnet create --resource-group net --vnet-name vnet-hub --name snet-nodes \
    --address-prefixes 10.30.0.0/24 --network-security-group nsg-nodes
az network vnet subnet create --resource-group net --vnet-name vnet-hub --name snet-mgmt --address-prefixes 10.30.1.0/24

az network nic create --resource-group net --name jumpbox-nic --vnet-name vnet-hub --subnet snet-mgmt \
    --private-ip-address 10.30.1.4 --network-security-group nsg-jumpbox
az network nic ip-config update --resource-group net --nic-name jumpbox-nic --name ipconfig1 --asgs asg-jumpbox
az vm create --resource-group net --name jumpbox --nics jumpbox-nic --image Ubuntu2204 --generate-ssh-keys

az vm create --resource-group net --name buildagent --image Ubuntu2204 --generate-ssh-keys \
    --vnet-name vnet-hub --subnet snet-mgmt --private-ip-address 10.30.1.5 --nsg "" --public-ip-address ""

NODE_SUBNET_ID=$(az network vnet subnet show --resource-group net --vnet-name vnet-hub --name snet-nodes --query id --output tsv)
NODE_ASG_ID=$(az network asg show --resource-group net --name asg-nodes --query id --output tsv)
az aks create --resource-group aks --name aks-asg --kubernetes-version 1.31.2 \
    --nodepool-name system --node-count 2 --max-pods 50 --vnet-subnet-id "$NODE_SUBNET_ID" --asg-ids "$NODE_ASG_ID" \
    --network-plugin azure --network-plugin-mode overlay --pod-cidr 192.168.0.0/16 \
    --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 \
    --outbound-type loadBalancer --load-balancer-sku standard --generate-ssh-keys
