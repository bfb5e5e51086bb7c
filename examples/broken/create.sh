#!/usr/bin/env bash
# DELIBERATELY BROKEN design, for `aksnet check` demonstrations. Do not run it.
# Every mistake is listed, with its line, in README.md.
set -euo pipefail

az group create --name rg-broken --location westeurope

az network vnet create \
    --resource-group rg-broken \
    --name vnet-broken \
    --address-prefixes 10.10.0.0/16 \
    --subnet-name snet-nodes \
    --subnet-prefix 10.10.0.0/24

az network vnet subnet create \
    --resource-group rg-broken \
    --vnet-name vnet-broken \
    --name snet-ilb \
    --address-prefixes 10.10.1.0/24

SUBNET_ID=$(az network vnet subnet show --resource-group rg-broken --vnet-name vnet-broken --name snet-nodes --query id -o tsv)

az aks create \
    --resource-group rg-broken \
    --name aks-broken \
    --node-count 3 \
    --max-surge 1 \
    --network-plugin kubenet \
    --network-policy azure \
    --pod-cidr 172.16.0.0/12 \
    --service-cidr 10.10.1.0/24 \
    --dns-service-ip 10.10.1.1 \
    --max-pods 300 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys

az aks nodepool add \
    --resource-group rg-broken \
    --cluster-name aks-broken \
    --name userpool \
    --node-count 2 \
    --max-surge 1 \
    --vnet-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-broken/providers/Microsoft.Network/virtualNetworks/vnet-broken/subnets/snet-user
