// For a container that connects to peers starting at the same moment (a load balancer that
// starts with its backends): the Linux default re-asks an unanswered ARP question after 1 s.
// A peer whose name already resolves but whose interface is not up yet does not answer the
// first question, so the first connection waited ~1 s for the second one. Measured with
// HAProxy started 150 ms before two instances: both backends UP at 1.34-1.41 s after its start
// (3 of 3; the first checks were "Layer4 timeout"), 0.78-0.98 s with 100 ms here (5 of 5).
// Network sysctls are per namespace: this changes the container, not the host.
export const QUICK_ARP_SYSCTLS: Readonly<Record<string, string>> = {
  'net.ipv4.neigh.eth0.retrans_time_ms': '100',
};
