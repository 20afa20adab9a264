//! The kubelet: pod phases, container states, image pulls, restarts and termination on each
//! simulated node.
