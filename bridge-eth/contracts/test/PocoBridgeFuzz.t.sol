// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {BridgeFixture} from "./BridgeFixture.sol";
import {PocoBridge} from "../src/PocoBridge.sol";

/// @notice Fuzz tests over signer subsets, powers and withdrawal trees.
contract PocoBridgeFuzzTest is BridgeFixture {
    /// A checkpoint is accepted if and only if the signed power is strictly above 2/3.
    function testFuzz_acceptIffMoreThanTwoThirds(uint8 size, uint256 mask, uint256 seed) public {
        uint256 n = bound(size, 1, 13);
        uint256[] memory powers = new uint256[](n);
        uint256 total;
        for (uint256 i = 0; i < n; i++) {
            powers[i] = bound(uint256(keccak256(abi.encode(seed, i))), 0, 1000);
            total += powers[i];
        }
        vm.assume(total > 0);
        _deploy(powers, 3000);
        mask = mask & _all();
        uint256 signed;
        for (uint256 i = 0; i < n; i++) {
            if ((mask >> i) & 1 == 1) signed += powers[i];
        }
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 5, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, mask);
        if (signed * 3 > total * 2) {
            bridge.submitCheckpoint(valset, cp, sigs);
            assertEq(bridge.lastCheckpoint(), 1, "accepted");
        } else {
            vm.expectRevert(abi.encodeWithSelector(PocoBridge.InsufficientPower.selector, signed, total));
            bridge.submitCheckpoint(valset, cp, sigs);
        }
    }

    /// Every leaf of a random tree is provable exactly once; a forged leaf never is.
    function testFuzz_withdrawalTrees(uint8 size, uint256 seed) public {
        uint256 n = bound(size, 1, 24);
        _deploy(_equalPowers(4), 4000);
        PocoBridge.Withdrawal[] memory ws = new PocoBridge.Withdrawal[](n);
        bytes32[] memory leaves = new bytes32[](n);
        uint256 sum;
        for (uint256 i = 0; i < n; i++) {
            uint256 amount = bound(uint256(keccak256(abi.encode(seed, i))), 1, 1e12);
            ws[i] = PocoBridge.Withdrawal(i + 1, address(uint160(uint256(keccak256(abi.encode(seed, i, "r"))))), amount);
            leaves[i] = _leaf(ws[i]);
            sum += amount;
        }
        rlc.mint(address(bridge), sum);
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 5, _root(leaves));
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));
        for (uint256 i = 0; i < n; i++) {
            bytes32[] memory proof = _proof(leaves, i);
            PocoBridge.Withdrawal memory forged = PocoBridge.Withdrawal(ws[i].id, ws[i].recipient, ws[i].amount + 1);
            vm.expectRevert(PocoBridge.InvalidProof.selector);
            bridge.withdraw(1, forged, proof);
            forged = PocoBridge.Withdrawal(ws[i].id, address(0xBAD), ws[i].amount);
            vm.expectRevert(PocoBridge.InvalidProof.selector);
            bridge.withdraw(1, forged, proof);
            forged = PocoBridge.Withdrawal(ws[i].id + n, ws[i].recipient, ws[i].amount);
            vm.expectRevert(PocoBridge.InvalidProof.selector);
            bridge.withdraw(1, forged, proof);
            if (i + 1 < n) {
                // a leaf's proof does not prove its (unclaimed) neighbour
                vm.expectRevert(PocoBridge.InvalidProof.selector);
                bridge.withdraw(1, ws[i + 1], proof);
            }
            bridge.withdraw(1, ws[i], proof);
            vm.expectRevert(abi.encodeWithSelector(PocoBridge.AlreadyClaimed.selector, ws[i].id));
            bridge.withdraw(1, ws[i], proof);
        }
        assertEq(rlc.balanceOf(address(bridge)), 0, "all paid out");
    }

    /// A valid signature moved to the index of another validator never counts.
    function testFuzz_misplacedSignatureIsRefused(uint8 size, uint256 from, uint256 to) public {
        uint256 n = bound(size, 2, 13);
        _deploy(_equalPowers(n), 5000);
        from = bound(from, 0, n - 1);
        to = bound(to, 0, n - 2);
        if (to >= from) to++;
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 5, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        sigs[to] = sigs[from];
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, to));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    /// A broken signature (unrecoverable, of another key, or the malleable twin) at any index of
    /// a set of any size is refused with that index, whoever else signed.
    function testFuzz_brokenSignatureAnywhereIsRefused(uint8 size, uint256 at, uint8 kind, uint256 mask) public {
        uint256 n = bound(size, 1, 13);
        _deploy(_equalPowers(n), 6000);
        at = bound(at, 0, n - 1);
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 5, 0);
        PocoBridge.Signature[] memory sigs = _sign(cp, (mask & _all()) | (uint256(1) << at));
        uint256 k = kind % 3;
        if (k == 0) {
            sigs[at].r = bytes32(0);
        } else if (k == 1) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(7777, bridge.checkpointDigest(cp));
            sigs[at] = PocoBridge.Signature(v, r, s);
        } else {
            uint256 order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;
            sigs[at] = PocoBridge.Signature(sigs[at].v == 27 ? 28 : 27, sigs[at].r, bytes32(order - uint256(sigs[at].s)));
        }
        vm.expectRevert(abi.encodeWithSelector(PocoBridge.InvalidSignature.selector, at));
        bridge.submitCheckpoint(valset, cp, sigs);
    }

    /// After a rotation to a random new set, the old set's signatures are refused whatever
    /// subset signs, and the new set's are accepted.
    function testFuzz_rotationLeavesTheOldSetBehind(uint8 oldSize, uint8 newSize, uint256 mask) public {
        uint256 n = bound(oldSize, 1, 6);
        uint256 m = bound(newSize, 1, 6);
        _deploy(_equalPowers(n), 8000);
        PocoBridge.Valset memory old = valset;
        uint256[] memory oldKeys = keys;
        address[] memory vals = new address[](m);
        uint256[] memory newKeys = new uint256[](m);
        for (uint256 i = 0; i < m; i++) {
            newKeys[i] = 9000 + i;
            vals[i] = vm.addr(newKeys[i]);
        }
        PocoBridge.Valset memory next = PocoBridge.Valset(1, vals, _equalPowers(m));
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 10, 0);
        cp.nextValsetHash = _valsetHash(next);
        bridge.submitCheckpoint(valset, cp, _sign(cp, _all()));

        PocoBridge.Checkpoint memory cp2 = _checkpoint(2, 11, 20, 0);
        cp2.nextValsetHash = _valsetHash(next);
        PocoBridge.Signature[] memory oldSigs = _sign(cp2, mask & _all());
        vm.expectRevert(PocoBridge.InvalidValset.selector);
        bridge.submitCheckpoint(old, cp2, oldSigs);

        keys = newKeys;
        valset = next;
        bridge.submitCheckpoint(next, cp2, _sign(cp2, _all()));
        assertEq(bridge.lastCheckpoint(), 2, "the new set signs");
        keys = oldKeys;
    }
}
