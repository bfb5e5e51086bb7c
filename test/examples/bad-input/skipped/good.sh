#!/usr/bin/env bash
# A small, valid design every case carries next to its bad file, to show that the rest is still analysed.
az network vnet create \
    --resource-group rg-good \
    --name vnet-good \
    --address-prefixes 10.1.0.0/16 \
    --subnet-name nodes \
    --subnet-prefixes 10.1.0.0/24

SUBNET_ID=$(az network vnet subnet show --resource-group rg-good --vnet-name vnet-good --name nodes --query id -o tsv)

az aks create \
    --resource-group rg-good \
    --name aks-good \
    --node-count 3 \
    --max-surge 1 \
    --network-plugin azure \
    --network-plugin-mode overlay \
    --pod-cidr 192.168.0.0/16 \
    --vnet-subnet-id $SUBNET_ID \
    --generate-ssh-keys
