// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {CheatCodes} from "./Vm.sol";
import {PocoBridge} from "../src/PocoBridge.sol";
import {TestRLC} from "../src/TestRLC.sol";

/// @notice Builds bridges, validator sets, signed checkpoints and withdrawal trees for the tests.
abstract contract BridgeFixture is CheatCodes {
    bytes32 internal constant SIDECHAIN = keccak256("poco-test-chain");

    TestRLC internal rlc;
    PocoBridge internal bridge;
    uint256[] internal keys;
    PocoBridge.Valset internal valset;

    function _deploy(uint256[] memory powers, uint256 keyBase) internal {
        delete keys;
        address[] memory vals = new address[](powers.length);
        for (uint256 i = 0; i < powers.length; i++) {
            keys.push(keyBase + i);
            vals[i] = vm.addr(keyBase + i);
        }
        rlc = new TestRLC();
        bridge = new PocoBridge(address(rlc), SIDECHAIN, vals, powers);
        valset = PocoBridge.Valset(0, vals, powers);
    }

    function _equalPowers(uint256 n) internal pure returns (uint256[] memory powers) {
        powers = new uint256[](n);
        for (uint256 i = 0; i < n; i++) powers[i] = 10;
    }

    function _valsetHash(PocoBridge.Valset memory v) internal pure returns (bytes32) {
        return keccak256(abi.encode(v));
    }

    function _checkpoint(uint256 number, uint64 start, uint64 end, bytes32 root)
        internal
        view
        returns (PocoBridge.Checkpoint memory)
    {
        return PocoBridge.Checkpoint(number, SIDECHAIN, start, end, keccak256(abi.encode("app", number)), root, _valsetHash(valset));
    }

    /// Signatures of the validators whose bit is set in `mask` (bit i = validator i).
    function _sign(PocoBridge.Checkpoint memory cp, uint256 mask)
        internal
        view
        returns (PocoBridge.Signature[] memory sigs)
    {
        bytes32 digest = bridge.checkpointDigest(cp);
        sigs = new PocoBridge.Signature[](keys.length);
        for (uint256 i = 0; i < keys.length; i++) {
            if ((mask >> i) & 1 == 1) {
                (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[i], digest);
                sigs[i] = PocoBridge.Signature(v, r, s);
            }
        }
    }

    function _all() internal view returns (uint256) {
        return (uint256(1) << keys.length) - 1;
    }

    // ---- withdrawal trees: sorted-pair Keccak, double-hashed leaves (OpenZeppelin MerkleProof)

    function _leaf(PocoBridge.Withdrawal memory w) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(w.id, w.recipient, w.amount))));
    }

    function _pair(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    function _root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[] memory layer = leaves;
        while (layer.length > 1) {
            bytes32[] memory next = new bytes32[]((layer.length + 1) / 2);
            for (uint256 i = 0; i < next.length; i++) {
                next[i] = 2 * i + 1 < layer.length ? _pair(layer[2 * i], layer[2 * i + 1]) : layer[2 * i];
            }
            layer = next;
        }
        return layer[0];
    }

    function _proof(bytes32[] memory leaves, uint256 index) internal pure returns (bytes32[] memory proof) {
        bytes32[] memory path = new bytes32[](256);
        uint256 len;
        bytes32[] memory layer = leaves;
        while (layer.length > 1) {
            uint256 sibling = index ^ 1;
            if (sibling < layer.length) path[len++] = layer[sibling];
            bytes32[] memory next = new bytes32[]((layer.length + 1) / 2);
            for (uint256 i = 0; i < next.length; i++) {
                next[i] = 2 * i + 1 < layer.length ? _pair(layer[2 * i], layer[2 * i + 1]) : layer[2 * i];
            }
            layer = next;
            index /= 2;
        }
        proof = new bytes32[](len);
        for (uint256 i = 0; i < len; i++) proof[i] = path[i];
    }
}
