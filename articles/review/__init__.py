"""Medical review rules: who may approve, what blocks approval, and how approval binds to content."""
