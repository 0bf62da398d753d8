// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {BridgeFixture} from "./BridgeFixture.sol";
import {PocoBridge} from "../src/PocoBridge.sol";

/// @notice Drives random deposits, checkpoints and withdrawals (and replays of them).
contract BridgeHandler is BridgeFixture {
    uint256 public deposited;
    uint256 public deposits;
    bool public paidTwice;
    uint256 public withdrawn;
    uint256 private nextId = 1;
    uint64 private endHeight;

    constructor() {
        _deploy(_equalPowers(4), 6000);
    }

    function token() external view returns (address) {
        return address(rlc);
    }

    function bridgeAddress() external view returns (address) {
        return address(bridge);
    }

    function deposit(uint256 amount) external {
        amount = bound(amount, 1, 1e15);
        rlc.mint(address(this), amount);
        rlc.approve(address(bridge), amount);
        uint256 nonceBefore = bridge.depositNonce();
        bridge.deposit(amount, address(this));
        deposits++;
        deposited += amount;
        assertEq(bridge.depositNonce(), nonceBefore + 1, "nonce moves by one");
    }

    function checkpointAndWithdraw(uint256 amount, bool replay) external {
        uint256 available = deposited - withdrawn;
        if (available == 0) return;
        amount = bound(amount, 1, available);
        PocoBridge.Withdrawal memory w = PocoBridge.Withdrawal(nextId++, address(0xBEEF), amount);
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = _leaf(w);
        leaves[1] = keccak256(abi.encode("padding", w.id));
        uint256 number = bridge.lastCheckpoint() + 1;
        PocoBridge.Checkpoint memory cp = _checkpoint(number, endHeight + 1, endHeight + 10, _root(leaves));
        endHeight += 10;
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        bytes32[] memory proof = _proof(leaves, 0);
        bridge.withdraw(number, w, proof);
        withdrawn += amount;
        if (replay) {
            try bridge.withdraw(number, w, proof) {
                paidTwice = true;
            } catch {}
        }
    }
}

contract PocoBridgeInvariantTest is BridgeFixture {
    BridgeHandler internal handler;

    function setUp() public {
        handler = new BridgeHandler();
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_noWithdrawalIsPaidTwice() public view {
        assertTrue(!handler.paidTwice(), "a withdrawal was paid twice");
    }

    function invariant_depositNoncesAreGapFree() public view {
        assertEq(PocoBridgeLike(handler.bridgeAddress()).depositNonce(), handler.deposits(), "deposit nonce");
    }

    function invariant_balanceIsDepositsMinusWithdrawals() public view {
        uint256 balance = TokenLike(handler.token()).balanceOf(handler.bridgeAddress());
        assertEq(balance, handler.deposited() - handler.withdrawn(), "bridge balance");
    }
}

interface TokenLike {
    function balanceOf(address) external view returns (uint256);
}

interface PocoBridgeLike {
    function depositNonce() external view returns (uint256);
}
