// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {BridgeFixture} from "./BridgeFixture.sol";
import {PocoBridge} from "../src/PocoBridge.sol";

/// @notice Gas of submitCheckpoint with every validator signing, at 4, 16, 64 and 100
/// validators: execution gas measured here, plus the transaction's intrinsic 21 000 and its
/// calldata (16 per non-zero byte, 4 per zero byte), printed as `gas.<n>` log lines that
/// scripts/bench.sh turns into JSON (target P5: at most 6 000 gas per signer at 100). A report,
/// run by `make bench`, not by `make test`.
contract PocoBridgeGasReport is BridgeFixture {
    event log_named_uint(string key, uint256 val);

    function _calldataGas(bytes memory data) internal pure returns (uint256 gas) {
        for (uint256 i = 0; i < data.length; i++) {
            gas += data[i] == 0 ? 4 : 16;
        }
    }

    function _measure(uint256 n) internal returns (uint256 total) {
        _deploy(_equalPowers(n), 7000);
        PocoBridge.Checkpoint memory cp = _checkpoint(1, 1, 256, keccak256("root"));
        PocoBridge.Signature[] memory sigs = _sign(cp, _all());
        bytes memory data = abi.encodeCall(PocoBridge.submitCheckpoint, (valset, cp, sigs));
        // the arguments are encoded before measuring, so only the call itself is counted
        uint256 before = gasleft();
        (bool ok,) = address(bridge).call(data);
        uint256 execution = before - gasleft();
        assertTrue(ok, "checkpoint accepted");
        total = execution + 21000 + _calldataGas(data);
        emit log_named_uint(string.concat("gas.", vm_toString(n)), total);
    }

    function test_checkpointGas() public {
        _measure(4);
        _measure(16);
        _measure(64);
        _measure(100);
    }

    function vm_toString(uint256 v) internal pure returns (string memory) {
        if (v == 0) return "0";
        bytes memory buf;
        while (v > 0) {
            buf = bytes.concat(bytes1(uint8(48 + (v % 10))), buf);
            v /= 10;
        }
        return string(buf);
    }
}
