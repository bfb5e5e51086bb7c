#!/usr/bin/env bash
az aks nodepool add \
    --resource-group rg-good \
    --cluster-name aks-good \
    --name userpool \
    --node-count 2 \
    --vnet-subnet-id /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-good/providers/Microsoft.Network/virtualNetworks/vnet-good/subnets/snet-missing
