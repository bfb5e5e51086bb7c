#!/usr/bin/env bash
# AKS with kubenet networking in your own VNet, with Calico network policy.
#
# The commands follow "Use kubenet networking with your own IP address ranges in AKS"
# (https://learn.microsoft.com/azure/aks/configure-kubenet), adding --network-policy calico from
# "Secure traffic between pods using network policies" (use-network-policies) and an explicit
# upgrade surge, plus a second (user) node pool with the cluster autoscaler.
set -euo pipefail

az group create --name myResourceGroup --location eastus

# VNet and node subnet exactly as the current kubenet article writes them.
az network vnet create \
    --resource-group myResourceGroup \
    --name myAKSVnet \
    --address-prefixes 192.168.0.0/16 \
    --subnet-name myAKSSubnet \
    --subnet-prefix 192.168.1.0/24 \
    --location eastus

SUBNET_ID=$(az network vnet subnet show --resource-group myResourceGroup --vnet-name myAKSVnet --name myAKSSubnet --query id -o tsv)

# Service CIDR, DNS service IP and pod CIDR are the article's values (also the AKS defaults).
az aks create \
    --resource-group myResourceGroup \
    --name myAKSCluster \
    --node-count 3 \
    --max-surge 1 \
    --network-plugin kubenet \
    --network-policy calico \
    --service-cidr 10.0.0.0/16 \
    --dns-service-ip 10.0.0.10 \
    --pod-cidr 10.244.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys

# A user pool in the same subnet (kubenet: one cluster per subnet, several pools are fine).
az aks nodepool add \
    --resource-group myResourceGroup \
    --cluster-name myAKSCluster \
    --name userpool \
    --mode User \
    --node-count 3 \
    --enable-cluster-autoscaler \
    --min-count 3 \
    --max-count 20 \
    --max-surge 33% \
    --vnet-subnet-id $SUBNET_ID

az aks get-credentials --resource-group myResourceGroup --name myAKSCluster
kubectl apply -f k8s/
