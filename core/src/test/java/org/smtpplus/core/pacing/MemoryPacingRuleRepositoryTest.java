package org.smtpplus.core.pacing;

class MemoryPacingRuleRepositoryTest implements PacingRuleRepositoryContract {
    private final MemoryPacingRuleRepository repository = new MemoryPacingRuleRepository();

    @Override
    public PacingRuleRepository repository() {
        return repository;
    }
}
