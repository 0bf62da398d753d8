// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice A stand-in for RLC in tests and local networks: 9 decimals, anyone may mint.
contract TestRLC is ERC20 {
    constructor() ERC20("Test RLC", "RLC") {}

    function decimals() public pure override returns (uint8) {
        return 9;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
