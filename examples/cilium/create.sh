#!/usr/bin/env bash
# Azure CNI Powered by Cilium, overlay IPAM, following "Configure Azure CNI Powered by Cilium in AKS"
# (https://learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium), option "assign IP addresses from an
# overlay network". The article's command relies on AKS choosing the Cilium policy engine for the Cilium data
# plane; --network-policy cilium is written out here. Node count, surge and the user pool are added.
set -euo pipefail

export RESOURCE_GROUP="rg-aks-cilium"
export LOCATION="swedencentral"
export CLUSTER_NAME="aks-cilium"

# Create a resource group
az group create --name $RESOURCE_GROUP --location $LOCATION

# Create an AKS cluster (no --vnet-subnet-id: AKS creates and manages the VNet and node subnet)
az aks create \
    --name $CLUSTER_NAME \
    --resource-group $RESOURCE_GROUP \
    --location $LOCATION \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --network-dataplane cilium \
    --network-policy cilium \
    --kubernetes-version 1.32 \
    --node-count 3 \
    --max-surge 1 \
    --generate-ssh-keys

# Application pool, autoscaled.
az aks nodepool add \
    --resource-group "${RESOURCE_GROUP}" \
    --cluster-name "${CLUSTER_NAME}" \
    --name apps \
    --mode User \
    --node-vm-size Standard_D8ds_v5 \
    --max-pods 250 \
    --node-count 3 \
    --enable-cluster-autoscaler \
    --min-count 3 \
    --max-count 180 \
    --max-surge 33%

az aks get-credentials --resource-group $RESOURCE_GROUP --name $CLUSTER_NAME
kubectl apply -f k8s/
