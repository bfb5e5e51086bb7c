#!/usr/bin/env bash
az aks nodepool add \
    --resource-group rg-good \
    --cluster-name aks-good \
    --name userpool \
    --node-count 2 \
    --enable-quantum-networking
