# The PoCo sidechain node. `make demo` and `make test` set up everything they need on a
# fresh machine: the pinned CometBFT into .tools/bin, the Ethereum tools into node_modules,
# and the Maven build. `make help` lists the targets.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
COMETBFT_VERSION := v0.38.25
TOOLS_BIN := $(ROOT)/.tools/bin
COMETBFT := $(TOOLS_BIN)/cometbft
# CometBFT's example ABCI application (kvstore over the ABCI socket): the baseline of make bench.
ABCI_CLI ?= $(TOOLS_BIN)/abci-cli
CONTRACTS := $(ROOT)/bridge-eth/contracts
NPM_STAMP := $(CONTRACTS)/node_modules/.installed
JDK := $(shell $(ROOT)/scripts/find-jdk.sh 2>/dev/null)
MVN := mvn -B --no-transfer-progress
ifeq ($(CI),true)
MVN += -Dstyle.color=never
endif

export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(TOOLS_BIN):$(PATH)
export POCO_ROOT := $(ROOT)
export POCO_ABCI_CLI := $(ABCI_CLI)

.PHONY: help setup jdk tools build test demo testnet bench contracts forge-test clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

jdk:
	@if [[ -z "$(JDK)" ]]; then $(ROOT)/scripts/find-jdk.sh; exit 1; fi
	@echo "==> JDK: $(JDK)"

$(COMETBFT):
	@echo "==> installing CometBFT $(COMETBFT_VERSION) into .tools/bin (go install)"
	@command -v go >/dev/null || { echo "error: Go is needed to install CometBFT" >&2; exit 1; }
	GOBIN=$(TOOLS_BIN) GOFLAGS=-mod=mod go install github.com/cometbft/cometbft/cmd/cometbft@$(COMETBFT_VERSION)
	@$(COMETBFT) version

$(ABCI_CLI):
	@echo "==> installing CometBFT's abci-cli $(COMETBFT_VERSION) into $(dir $(ABCI_CLI)) (go install)"
	@command -v go >/dev/null || { echo "error: Go is needed to install abci-cli" >&2; exit 1; }
	GOBIN=$(abspath $(dir $(ABCI_CLI))) GOFLAGS=-mod=mod go install github.com/cometbft/cometbft/abci/cmd/abci-cli@$(COMETBFT_VERSION)

$(NPM_STAMP): $(CONTRACTS)/package.json $(CONTRACTS)/package-lock.json
	@echo "==> installing Anvil, forge, cast, solc-js and OpenZeppelin (npm ci)"
	@command -v npm >/dev/null || { echo "error: Node.js and npm are needed for the Ethereum tools" >&2; exit 1; }
	cd $(CONTRACTS) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

tools: jdk $(COMETBFT) $(ABCI_CLI) $(NPM_STAMP) ## install the pinned CometBFT and Ethereum tools if absent

setup: tools

# The contracts (issue: the Ethereum side of the bridge) are built and tested once
# bridge-eth/contracts holds a forge project (foundry.toml and forge.sh).
FORGE_PROJECT := $(wildcard $(CONTRACTS)/foundry.toml)

contracts: tools ## compile the Solidity contracts (ABI and bytecode for the Java side)
ifneq ($(FORGE_PROJECT),)
	$(CONTRACTS)/forge.sh build
else
	@echo "==> no forge project in bridge-eth/contracts yet: nothing to compile"
endif

forge-test: tools ## run the forge test suites of the contracts
ifneq ($(FORGE_PROJECT),)
	$(CONTRACTS)/forge.sh test
else
	@echo "==> no forge project in bridge-eth/contracts yet: no contract tests"
endif

build: tools contracts ## set up, build everything, leave bin/pocod and bin/poco
	@echo "==> building with Maven"
	$(MVN) install -DskipTests -DskipITs
	@echo "==> built: bin/pocod, bin/poco"

test: tools contracts ## every test: Java unit, property and integration tests, forge
	@echo "==> Maven: unit, property and integration tests"
	$(MVN) install
	@$(MAKE) --no-print-directory forge-test

demo: build ## a local network with a workload; DEMO_SECONDS=N bounds it
	$(ROOT)/scripts/demo.sh

testnet: build ## a local 4-validator network in the foreground until interrupted (VALIDATORS=N)
	$(ROOT)/scripts/testnet.sh

bench: build ## every benchmark, one JSON line per figure on stdout
	@if [[ -x $(ROOT)/scripts/bench.sh ]]; then $(ROOT)/scripts/bench.sh; \
	else echo '{"name":"bench","value":0,"unit":"none","note":"no benchmark exists yet"}'; fi

clean: ## remove build output (keeps .tools and node_modules)
	$(MVN) -q clean
	rm -rf $(CONTRACTS)/out $(CONTRACTS)/cache
