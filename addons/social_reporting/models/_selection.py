def selection_of(model, field):
    """The selection of ``model.field``, labels in the user's language: an analysis
    shows the same choices as the record it reports on, translated there."""

    def selection(self):
        return self.env[model]._fields[field]._description_selection(self.env)

    return selection
